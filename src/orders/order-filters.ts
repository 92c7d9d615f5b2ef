import type { FieldErrors } from '../common/form';
import { queryText } from '../common/form-fields';
import { containsPattern } from '../common/like';
import { ORDER_STATUSES, type OrderStatus } from './order.entity';

/**
 * The order histories' filters (buyer `/orders`, staff `/admin/orders`, its CSV and the
 * dashboard), read from a shareable query string and turned into one SQL condition here, so
 * the list, its total, the CSV and every dashboard figure always agree.
 */
export const ORDER_SORTS = ['date_desc', 'date_asc', 'total_desc', 'total_asc'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrderFilters {
  /** `YYYY-MM-DD` days in SHOP_TIMEZONE, both included; '' for no bound. */
  from: string;
  to: string;
  category: string;
  sort: OrderSort;
  /** Staff only: '' for every status. */
  status: OrderStatus | '';
  /** Staff only: part of a username, any case, wildcards literal. */
  buyer: string;
}

/** Conditions that come from who is asking, never from the query string. */
export interface OrderScope {
  /** A buyer sees only their own orders, whatever the query says. */
  userId?: number;
  /** The dashboard's figures leave cancelled orders out. */
  excludeCancelled?: boolean;
}

export type ParsedFilters = { ok: true; filters: OrderFilters } | { ok: false; filters: OrderFilters; errors: FieldErrors };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A filter value that cannot be read is refused (422 beside its field), never dropped: the
 * list would silently widen. An unknown sort falls back to the default, as sorting narrows nothing.
 */
export function parseOrderFilters(query: Record<string, unknown>, viewer: { staff: boolean }): ParsedFilters {
  const { staff } = viewer;
  const sort = queryText(query.sort, 20) as OrderSort;
  const status = staff ? queryText(query.status, 20) : '';
  const filters: OrderFilters = {
    from: queryText(query.from, 20),
    to: queryText(query.to, 20),
    category: queryText(query.category, 60),
    sort: ORDER_SORTS.includes(sort) ? sort : 'date_desc',
    status: status as OrderStatus | '',
    buyer: staff ? queryText(query.buyer, 30) : '',
  };
  const errors: FieldErrors = {};
  if (filters.from && !isDay(filters.from)) errors.from = 'From must be a date, like 2026-03-01.';
  if (filters.to && !isDay(filters.to)) errors.to = 'To must be a date, like 2026-03-31.';
  if (!errors.from && !errors.to && filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'To must be on or after From.';
  }
  if (filters.status && !(ORDER_STATUSES as readonly string[]).includes(filters.status)) {
    errors.status = 'Choose a status: placed, shipped, delivered or cancelled.';
  }
  return Object.keys(errors).length ? { ok: false, filters, errors } : { ok: true, filters };
}

export function hasOrderFilters(filters: OrderFilters): boolean {
  return Boolean(filters.from || filters.to || filters.category || filters.status || filters.buyer);
}

export interface SqlCondition {
  /** For `where`: refers to `o` (orders) only. */
  sql: string;
  params: unknown[];
}

/**
 * The one translation of filters into SQL. Days are bounds in the shop's time zone:
 * `from` is its midnight, `to` the midnight after it (exclusive), computed by PostgreSQL.
 */
export function orderCondition(filters: OrderFilters, scope: OrderScope, timezone: string): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.userId !== undefined) {
    parts.push('o.user_id = ?');
    params.push(scope.userId);
  }
  if (scope.excludeCancelled) parts.push(`o.status <> 'cancelled'`);
  if (filters.from) {
    parts.push('o.created >= (?::date)::timestamp at time zone ?');
    params.push(filters.from, timezone);
  }
  if (filters.to) {
    parts.push(`o.created < (?::date + 1)::timestamp at time zone ?`);
    params.push(filters.to, timezone);
  }
  if (filters.status) {
    parts.push('o.status = ?');
    params.push(filters.status);
  }
  if (filters.buyer) {
    // A subquery, not a join: the totals then read `orders` alone. lower(username) LIKE is served
    // by the pg_trgm GIN index on lower(username) (ILIKE on the column would not use it).
    parts.push(`o.user_id in (select bu.id from users bu where lower(bu.username) like ? escape '\\')`);
    params.push(containsPattern(filters.buyer.toLowerCase()));
  }
  if (filters.category) {
    // Orders holding at least one line of the category, each order once.
    parts.push('exists (select 1 from order_items ci join products cp on cp.id = ci.product_id where ci.order_id = o.id and cp.category = ?)');
    params.push(filters.category);
  }
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/** Ties are broken newest first, then by id, so no order shows twice across pages. */
export function orderBy(sort: OrderSort): string {
  switch (sort) {
    case 'date_asc':
      return 'o.created asc, o.id asc';
    case 'total_desc':
      return 'o.total_price desc, o.created desc, o.id desc';
    case 'total_asc':
      return 'o.total_price asc, o.created desc, o.id desc';
    case 'date_desc':
      return 'o.created desc, o.id desc';
  }
}
