import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/decorators';
import { IdPipe } from '../common/id.pipe';
import { renderView } from '../common/htmx';
import { isStaff, type SessionUser } from '../common/session-user';
import { OrdersService } from './orders.service';

/** Order history and details. Someone else's order does not exist for you (404). */
@Controller()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get('orders')
  async mine(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    renderView(req, res, { page: 'orders/index', data: { title: 'Your orders', orders: await this.orders.recent(user.id) } });
  }

  /** Only the buyer sees the thank-you page. */
  @Get('orders/:id/confirmation')
  async confirmation(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    const order = await this.orders.details(id);
    if (!order || order.userId !== user.id) throw new NotFoundException();
    renderView(req, res, { page: 'orders/confirmation', data: { title: 'Thank you', order } });
  }

  /** The buyer and staff see an order's details. */
  @Get('orders/:id')
  async show(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    const order = await this.orders.details(id);
    if (!order || (order.userId !== user.id && !isStaff(user))) throw new NotFoundException();
    renderView(req, res, { page: 'orders/show', data: { title: `Order #${order.id}`, order } });
  }

  @Roles('admin', 'shop_owner')
  @Get('admin/orders')
  async all(@Req() req: Request, @Res() res: Response): Promise<void> {
    renderView(req, res, { page: 'orders/admin-index', data: { title: 'All orders', orders: await this.orders.recent() } });
  }
}
