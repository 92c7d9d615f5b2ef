import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '../common/clock';
import { addDays, shopDay } from '../common/shop-time';
import type { OrderFilters, OrderScope } from '../orders/order-filters';
import { OrderHistoryQuery } from '../orders/order-history.query';
import { revenueChart, type RevenueChart } from './revenue-chart';

export const CHART_DAYS = 30;
export const TOP_PRODUCTS = 5;

export interface Period {
  label: string;
  from: string;
  to: string;
  orders: number;
  revenue: number;
  /** The same days on /admin/orders. */
  url: string;
}

export interface Dashboard {
  hasOrders: boolean;
  today: string;
  periods: Period[];
  /** Revenue ÷ orders over the last 30 days, in whole cents (rounded half up); undefined without orders. */
  averageOrder?: number;
  topProducts: { productId: number; name: string; units: number }[];
  outOfStock: number;
  days: { day: string; orders: number; revenue: number }[];
  chart: RevenueChart;
}

/** Not cancelled: what the dashboard counts, on the same filters as /admin/orders. */
const COUNTED: OrderScope = { excludeCancelled: true };

function days(from: string, to: string): OrderFilters {
  return { from, to, category: '', sort: 'date_desc', status: '', buyer: '' };
}

/** The owner's figures. Every one is the staff history's query for the same days, less the cancelled. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly history: OrderHistoryQuery,
  ) {}

  async dashboard(): Promise<Dashboard> {
    const today = shopDay(this.clock.now(), this.history.timezone);
    const first = addDays(today, -(CHART_DAYS - 1));
    const spans: [string, number][] = [['Today', 1], ['Last 7 days', 7], ['Last 30 days', CHART_DAYS]];
    const periods = await Promise.all(
      spans.map(async ([label, length]) => {
        const from = addDays(today, -(length - 1));
        const totals = await this.history.totals(days(from, today), COUNTED);
        return { label, from, to: today, orders: totals.count, revenue: totals.total, url: `/admin/orders?from=${from}&to=${today}` };
      }),
    );
    const month = periods[2];
    const perDay = await this.history.perDay(days(first, today), COUNTED);
    const series = Array.from({ length: CHART_DAYS }, (_, i) => {
      const day = addDays(first, i);
      const figures = perDay.get(day);
      return { day, orders: figures?.count ?? 0, revenue: figures?.revenue ?? 0 };
    });
    return {
      hasOrders: await this.anyOrders(),
      today,
      periods,
      averageOrder: month.orders ? Math.floor((month.revenue * 2 + month.orders) / (month.orders * 2)) : undefined,
      topProducts: await this.history.topProducts(days(first, today), COUNTED, TOP_PRODUCTS),
      outOfStock: await this.outOfStock(),
      days: series,
      chart: revenueChart(series),
    };
  }

  private async anyOrders(): Promise<boolean> {
    const rows: unknown[] = await this.em.execute('select 1 from orders limit 1');
    return rows.length > 0;
  }

  /** The count behind the catalog's `/admin/products?max_stock=0` link. */
  private async outOfStock(): Promise<number> {
    const [row]: { n: number }[] = await this.em.execute('select count(*)::int as n from products where stock = 0');
    return row.n;
  }
}
