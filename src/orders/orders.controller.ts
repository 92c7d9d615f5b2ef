import { Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/decorators';
import { flash } from '../common/flash';
import { IdPipe } from '../common/id.pipe';
import { redirectAfterPost, renderView, wantsFragment } from '../common/htmx';
import { readPage } from '../common/pagination';
import { isStaff, type SessionUser } from '../common/session-user';
import { historyView } from './history-view';
import { ORDERS_PER_PAGE, OrderHistoryQuery } from './order-history.query';
import { allowedActions, STATUS_LABELS, type StatusAction } from './order-status';
import { OrderStatusService } from './order-status.service';
import { OrdersService, type OrderDetails } from './orders.service';

const DONE: Record<StatusAction, string> = {
  ship: 'Order marked shipped.',
  deliver: 'Order marked delivered.',
  cancel: 'Order cancelled: its items are back in stock.',
};

/** The buyer's history, an order's details and its status moves. Someone else's order does not exist for you (404). */
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly history: OrderHistoryQuery,
    private readonly status: OrderStatusService,
  ) {}

  /** Only the buyer's own orders, whatever the query says. */
  @Get()
  async mine(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Query() query: Record<string, unknown>) {
    const result = await this.history.history(query, { staff: false }, { userId: user.id }, readPage(query, ORDERS_PER_PAGE));
    const data = { title: 'Your orders', ...historyView(req, result, await this.history.categories(), { staff: false }) };
    renderView(req, res, { page: 'orders/index', fragment: 'orders/_history', status: result.ok ? 200 : 422, data });
  }

  /** Only the buyer sees the thank-you page. */
  @Get(':id/confirmation')
  async confirmation(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    const order = await this.orders.details(id);
    if (!order || order.userId !== user.id) throw new NotFoundException();
    renderView(req, res, { page: 'orders/confirmation', data: { title: 'Thank you', order } });
  }

  /** The buyer and staff see an order's details and the moves its status allows. */
  @Get(':id')
  async show(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    this.renderOrder(req, res, user, await this.visibleOrder(id, user));
  }

  @Roles('admin', 'shop_owner')
  @Post(':id/ship')
  ship(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    return this.move(req, res, user, id, 'ship');
  }

  @Roles('admin', 'shop_owner')
  @Post(':id/deliver')
  deliver(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    return this.move(req, res, user, id, 'deliver');
  }

  /** The buyer (while placed) or staff. */
  @Post(':id/cancel')
  cancel(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    return this.move(req, res, user, id, 'cancel');
  }

  private async move(req: Request, res: Response, user: SessionUser, id: number, action: StatusAction): Promise<void> {
    const result = await this.status.move(id, action, { userId: user.id, staff: isStaff(user) });
    if (!result.ok && result.reason === 'not-found') throw new NotFoundException();
    if (result.ok && !wantsFragment(req)) {
      flash(req, 'success', DONE[action]);
      return redirectAfterPost(req, res, `/orders/${id}`);
    }
    // htmx swaps the status block in place; a refused move (409) shows why, beside the status.
    const order = await this.visibleOrder(id, user);
    const message = result.ok ? { text: DONE[action], kind: 'success' } : { text: result.message, kind: 'error' };
    this.renderOrder(req, res, user, order, message, result.ok ? 200 : 409);
  }

  private async visibleOrder(id: number, user: SessionUser): Promise<OrderDetails> {
    const order = await this.orders.details(id);
    if (!order || (order.userId !== user.id && !isStaff(user))) throw new NotFoundException();
    return order;
  }

  private renderOrder(req: Request, res: Response, user: SessionUser, order: OrderDetails, message?: { text: string; kind: string }, status = 200) {
    const staff = isStaff(user);
    const actions = allowedActions(order.status, { staff });
    const statusBlock = {
      order,
      staff,
      message,
      canShip: actions.includes('ship'),
      canDeliver: actions.includes('deliver'),
      canCancel: actions.includes('cancel'),
      statusLabel: STATUS_LABELS[order.status],
    };
    renderView(req, res, {
      page: 'orders/show',
      fragment: 'orders/_status',
      status,
      data: { title: `Order #${order.id}`, ...statusBlock },
      fragmentData: statusBlock,
    });
  }
}
