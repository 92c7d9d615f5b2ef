import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { EntityManager } from '@mikro-orm/postgresql';
import { appConfig } from '../config/app.config';
import { moneyFromRow } from '../common/money.type';
import { shopDay } from '../common/shop-time';
import { fetchPage, type Page, type PageRequest } from '../common/pagination';
import type { OrderStatus } from './order.entity';
import { parseOrderFilters, type OrderFilters, type OrderScope } from './order-filters';
import { CATEGORIES_SQL, csvBatchStatement, perDayStatement, rowsStatement, topProductsStatement, totalsStatement } from './order-history.sql';
import type { FieldErrors } from '../common/form';

export const ORDERS_PER_PAGE = 10;

export interface OrderRow {
  id: number;
  created: Date;
  /** `created` as the shop's calendar day, the day the date filters see. */
  day: string;
  username: string;
  status: OrderStatus;
  items: number;
  total: number;
}

export interface OrderCsvRow extends OrderRow {
  paymentMethod: string;
  moneyReceived: number;
  address: string;
}

export interface OrderTotals {
  count: number;
  /** Sum of the totals of every matching order, all pages together. */
  total: number;
  /** With a category filter: the part of `total` spent on lines of that category. */
  categoryTotal?: number;
}

export type HistoryResult =
  | { ok: true; filters: OrderFilters; totals: OrderTotals; page: Page<OrderRow> }
  | { ok: false; filters: OrderFilters; errors: FieldErrors };

type RawRow = { id: number; created: Date | string; username: string; status: OrderStatus; total_price: string; items: number };

/**
 * Every read of order history runs a statement of order-history.sql.ts, each built on
 * `orderCondition`: the page, its totals, the CSV and the dashboard, so they cannot disagree.
 */
@Injectable()
export class OrderHistoryQuery {
  constructor(
    private readonly em: EntityManager,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  get timezone(): string {
    return this.config.shopTimezone;
  }

  /**
   * A history page from its query string: filters that cannot be read come back with their
   * messages and no rows (never an unfiltered list); else the totals and one page.
   */
  async history(query: Record<string, unknown>, viewer: { staff: boolean }, scope: OrderScope, request: PageRequest): Promise<HistoryResult> {
    const parsed = parseOrderFilters(query, viewer);
    if (!parsed.ok) return parsed;
    const totals = await this.totals(parsed.filters, scope);
    const page = await this.page(parsed.filters, scope, request, totals.count);
    return { ok: true, filters: parsed.filters, totals, page };
  }

  /** The totals above the list: one SQL sum over every matching order. */
  async totals(filters: OrderFilters, scope: OrderScope): Promise<OrderTotals> {
    const statement = totalsStatement(filters, scope, this.timezone);
    const [row]: { n: number; total: string; category_total?: string }[] = await this.em.execute(statement.sql, statement.params);
    return {
      count: row.n,
      total: moneyFromRow(row.total),
      categoryTotal: row.category_total === undefined ? undefined : moneyFromRow(row.category_total),
    };
  }

  /** One page of the list; the count comes from the totals already computed for the page. */
  async page(filters: OrderFilters, scope: OrderScope, request: PageRequest, count: number): Promise<Page<OrderRow>> {
    return fetchPage(request, {
      count: async (cap) => Math.min(count, cap),
      rows: (window) => this.rows(filters, scope, window),
    });
  }

  async rows(filters: OrderFilters, scope: OrderScope, window: { limit: number; offset: number }): Promise<OrderRow[]> {
    const statement = rowsStatement(filters, scope, this.timezone, window);
    const rows: RawRow[] = await this.em.execute(statement.sql, statement.params);
    return rows.map((row) => toRow(row, this.timezone));
  }

  /** Every matching order for the CSV, in keyset batches, so a large export never sits in memory whole. */
  async *csvRows(filters: OrderFilters, batchSize = 500): AsyncGenerator<OrderCsvRow[]> {
    let afterId: number | undefined;
    for (;;) {
      const statement = csvBatchStatement(filters, this.timezone, afterId, batchSize);
      const rows: (RawRow & { payment_method: string; money_received: string; address: string })[] = await this.em.execute(
        statement.sql,
        statement.params,
      );
      if (rows.length === 0) return;
      yield rows.map((row) => ({
        ...toRow(row, this.timezone),
        paymentMethod: row.payment_method,
        moneyReceived: moneyFromRow(row.money_received),
        address: row.address,
      }));
      if (rows.length < batchSize) return;
      afterId = rows[rows.length - 1].id;
    }
  }

  /** Revenue and orders per day (days in the shop's time zone) of the matching orders. */
  async perDay(filters: OrderFilters, scope: OrderScope): Promise<Map<string, { count: number; revenue: number }>> {
    const statement = perDayStatement(filters, scope, this.timezone);
    const rows: { day: string; n: number; revenue: string }[] = await this.em.execute(statement.sql, statement.params);
    return new Map(rows.map((row) => [row.day, { count: row.n, revenue: moneyFromRow(row.revenue) }]));
  }

  /** The best-selling products of the matching orders, by units. */
  async topProducts(filters: OrderFilters, scope: OrderScope, limit: number): Promise<{ productId: number; name: string; units: number }[]> {
    const statement = topProductsStatement(filters, scope, this.timezone, limit);
    const rows: { product_id: number; name: string; units: number }[] = await this.em.execute(statement.sql, statement.params);
    return rows.map((row) => ({ productId: row.product_id, name: row.name, units: row.units }));
  }

  /** Categories that the category filter offers: those of the products ever ordered. */
  async categories(): Promise<string[]> {
    const rows: { category: string }[] = await this.em.execute(CATEGORIES_SQL);
    return rows.map((row) => row.category);
  }
}

function toRow(row: RawRow, timezone: string): OrderRow {
  const created = new Date(row.created);
  return {
    id: row.id,
    created,
    day: shopDay(created, timezone),
    username: row.username,
    status: row.status,
    items: row.items,
    total: moneyFromRow(row.total_price),
  };
}
