import { orderBy, orderCondition, type OrderFilters, type OrderScope, type OrderSort } from './order-filters';

/**
 * The statements behind the order histories, their totals, the CSV and the dashboard, each
 * built from `orderCondition`, so they always agree. Plain text and `?` parameters:
 * OrderHistoryQuery runs them, and `npm run bench:orders` EXPLAINs these very statements.
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

const FROM = 'from orders o join users u on u.id = o.user_id';
const ROW_COLUMNS = `o.id, o.created, u.username, o.status, o.total_price,
  (select coalesce(sum(quantity), 0)::int from order_items where order_id = o.id) as items`;

/** Count and sum of every matching order (all pages); with a category, the part spent in it. */
export function totalsStatement(filters: OrderFilters, scope: OrderScope, timezone: string): Statement {
  const where = orderCondition(filters, scope, timezone);
  if (!filters.category) {
    return { sql: `select count(*)::int as n, coalesce(sum(o.total_price), 0) as total from orders o where ${where.sql}`, params: where.params };
  }
  // The matching orders are found once, then summed whole and for their lines of the category.
  return {
    sql: `with matching as materialized (select o.id, o.total_price from orders o where ${where.sql})
          select (select count(*)::int from matching) as n,
                 (select coalesce(sum(total_price), 0) from matching) as total,
                 (select coalesce(sum(i.quantity * i.unit_price), 0)
                    from matching m join order_items i on i.order_id = m.id join products p on p.id = i.product_id
                   where p.category = ?) as category_total`,
    params: [...where.params, filters.category],
  };
}

/** One page of the list. */
export function rowsStatement(filters: OrderFilters, scope: OrderScope, timezone: string, window: { limit: number; offset: number }): Statement {
  const where = orderCondition(filters, scope, timezone);
  return {
    sql: `select ${ROW_COLUMNS} ${FROM} where ${where.sql} order by ${orderBy(filters.sort)} limit ? offset ?`,
    params: [...where.params, window.limit, window.offset],
  };
}

/**
 * One batch of the CSV: the rows after order `afterId` in the list's order (keyset, not
 * OFFSET, which would re-read every earlier row for each batch: quadratic at 1,000,000 orders).
 * The key is read back from the row itself, so timestamps are compared at full precision.
 */
export function csvBatchStatement(filters: OrderFilters, timezone: string, afterId: number | undefined, batchSize: number): Statement {
  const where = orderCondition(filters, {}, timezone);
  const after = afterId === undefined ? { sql: 'true', params: [] } : afterRow(filters.sort, afterId);
  return {
    sql: `select ${ROW_COLUMNS}, o.payment_method, o.money_received, o.address
            ${FROM} where ${where.sql} and ${after.sql} order by ${orderBy(filters.sort)} limit ?`,
    params: [...where.params, ...after.params, batchSize],
  };
}

/** Rows after order `id` in the order of `orderBy(sort)`. */
function afterRow(sort: OrderSort, id: number): Statement {
  const key = (columns: string) => `(select ${columns} from orders where id = ?)`;
  switch (sort) {
    case 'date_desc':
      return { sql: `(o.created, o.id) < ${key('created, id')}`, params: [id] };
    case 'date_asc':
      return { sql: `(o.created, o.id) > ${key('created, id')}`, params: [id] };
    case 'total_desc':
      return { sql: `(o.total_price, o.created, o.id) < ${key('total_price, created, id')}`, params: [id] };
    case 'total_asc':
      // Total ascending, then newest first: the directions differ, so no single row comparison.
      // The leading `>=` bounds the index scan; the rest skips the equal totals already sent.
      return {
        sql: `o.total_price >= ${key('total_price')} and (o.total_price > ${key('total_price')} or (o.created, o.id) < ${key('created, id')})`,
        params: [id, id, id],
      };
  }
}

/** Orders and revenue per day of the shop's time zone. */
export function perDayStatement(filters: OrderFilters, scope: OrderScope, timezone: string): Statement {
  const where = orderCondition(filters, scope, timezone);
  return {
    sql: `select to_char(o.created at time zone ?, 'YYYY-MM-DD') as day, count(*)::int as n, sum(o.total_price) as revenue
            from orders o where ${where.sql} group by 1`,
    params: [timezone, ...where.params],
  };
}

/** The best-selling products of the matching orders, by units. */
export function topProductsStatement(filters: OrderFilters, scope: OrderScope, timezone: string, limit: number): Statement {
  const where = orderCondition(filters, scope, timezone);
  return {
    sql: `select i.product_id, p.name, sum(i.quantity)::int as units
            from order_items i join products p on p.id = i.product_id
           where i.order_id in (select o.id from orders o where ${where.sql})
           group by i.product_id, p.name order by units desc, i.product_id asc limit ?`,
    params: [...where.params, limit],
  };
}

/** Categories the category filter offers: those of the products ever ordered. */
export const CATEGORIES_SQL =
  'select distinct p.category from products p where exists (select 1 from order_items i where i.product_id = p.id) order by 1';
