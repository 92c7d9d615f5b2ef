import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/decorators';
import { renderView } from '../common/htmx';
import { readPage } from '../common/pagination';
import { historyView } from './history-view';
import { ORDERS_PER_PAGE, OrderHistoryQuery } from './order-history.query';
import { parseOrderFilters } from './order-filters';
import { OrdersCsv } from './orders-csv';

/** Staff: every buyer's orders, with the status and buyer filters, and the same list as CSV. */
@Roles('admin', 'shop_owner')
@Controller('admin')
export class AdminOrdersController {
  constructor(
    private readonly history: OrderHistoryQuery,
    private readonly csv: OrdersCsv,
  ) {}

  @Get('orders')
  async all(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const result = await this.history.history(query, { staff: true }, {}, readPage(query, ORDERS_PER_PAGE));
    const data = { title: 'All orders', ...historyView(req, result, await this.history.categories(), { staff: true }) };
    renderView(req, res, { page: 'orders/admin-index', fragment: 'orders/_history', status: result.ok ? 200 : 422, data });
  }

  /** Every order the same query matches (all pages), streamed as it is read. */
  @Get('orders.csv')
  async download(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const parsed = parseOrderFilters(query, { staff: true });
    if (!parsed.ok) {
      // The same refusal as the list's: the messages beside the fields, never an unfiltered file.
      const data = { title: 'All orders', ...historyView(req, parsed, await this.history.categories(), { staff: true }) };
      return renderView(req, res, { page: 'orders/admin-index', status: 422, data });
    }
    await this.csv.send(res, parsed.filters);
  }
}
