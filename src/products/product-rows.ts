import { containsPattern } from '../common/like';
import { centsToDecimal } from '../common/money';
import { moneyFromRow } from '../common/money.type';
import type { ProductFilters } from './product-filters';

/**
 * The catalog's hot reads (the shop, its count, the staff list, the CSV, a product's page) as
 * plain SQL and one row mapper: no QueryBuilder, entity factory or identity map per page view.
 * Writes keep the unit of work (ProductsService). The filters and sorts live here only, so the
 * page, its count and its CSV cannot disagree.
 */

/** A product as the pages read it: the entity's fields, by the entity's names, and nothing managed. */
export interface ProductRow {
  id: number;
  name: string;
  description: string;
  category: string;
  stock: number;
  /** Integer cents. */
  unitPrice: number;
  visibility: boolean;
  /** Exact decimal text (e.g. "4.3333"), null when unrated: never a JS float. */
  averageRating: string | null;
  ratingCount: number;
  version: number;
  created: Date;
  modified: Date;
}

export interface ProductRecord {
  id: number;
  name: string;
  description: string;
  category: string;
  stock: number;
  unit_price: string;
  visibility: boolean;
  average_rating: string | null;
  rating_count: number;
  version: number;
  created: Date;
  modified: Date;
}

export const PRODUCT_COLUMNS =
  'p.id, p.name, p.description, p.category, p.stock, p.unit_price, p.visibility, p.average_rating, p.rating_count, p.version, p.created, p.modified';

export function productFromRow(row: ProductRecord): ProductRow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    stock: row.stock,
    unitPrice: moneyFromRow(row.unit_price),
    visibility: row.visibility,
    averageRating: row.average_rating,
    ratingCount: row.rating_count,
    version: row.version,
    created: row.created,
    modified: row.modified,
  };
}

/** The shop's filters, and the staff list's Stock at most. */
export type ListFilters = ProductFilters & { maxStock?: number | null };

/** A list's WHERE (`?` placeholders, as the ORM's execute takes them) and ORDER BY, from its filters. */
export interface ListSql {
  where: string;
  params: unknown[];
  orderBy: string;
}

export function listSql(filters: ListFilters): ListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.visibility === 'visible') where.push('p.visibility');
  if (filters.visibility === 'hidden') where.push('not p.visibility');
  // lower(name) LIKE '%…%' is served by the pg_trgm GIN index on lower(name).
  if (filters.name) {
    where.push(`lower(p.name) like ? escape '\\'`);
    params.push(containsPattern(filters.name.toLowerCase()));
  }
  if (filters.category) {
    where.push('p.category = ?');
    params.push(filters.category);
  }
  if (filters.maxStock !== undefined && filters.maxStock !== null) {
    where.push('p.stock <= ?');
    params.push(filters.maxStock);
  }
  return { where: where.length ? where.join(' and ') : 'true', params, orderBy: orderBy(filters.sort) };
}

/** Each sort's order, ties broken by id; each one is an index's order (see product.entity.ts). */
function orderBy(sort: ProductFilters['sort']): string {
  if (sort === 'price_asc') return 'p.unit_price asc, p.id asc';
  if (sort === 'price_desc') return 'p.unit_price desc, p.id desc';
  // Top rated: highest average, then most ratings, unrated last, ties by id (the rating index's order).
  if (sort === 'rating_desc') return 'p.average_rating desc nulls last, p.rating_count desc, p.id asc';
  return 'p.created desc, p.id desc';
}

/**
 * Rows after `last` in the list's order (keyset), compared with the key `last` was read with:
 * a price or an average that moves while an export runs must not make the next batch jump past
 * every row in between. (The row that moved may then come again at its new place: only a
 * snapshot could avoid that, and holding one for a whole download would hold the embedded
 * database's only connection.) `created` never changes, so it is read back exactly by id (a JS
 * Date would round PostgreSQL's microseconds).
 */
export function afterSql(sort: ProductFilters['sort'], last: ProductRow): { sql: string; params: unknown[] } {
  if (sort === 'price_asc') return { sql: `(p.unit_price, p.id) > (?::numeric, ?)`, params: [centsToDecimal(last.unitPrice), last.id] };
  if (sort === 'price_desc') return { sql: `(p.unit_price, p.id) < (?::numeric, ?)`, params: [centsToDecimal(last.unitPrice), last.id] };
  if (sort === 'rating_desc') {
    // (average desc nulls last, count desc, id asc) as one comparable key: unrated sorts as -1.
    return {
      sql: `(coalesce(p.average_rating, -1), p.rating_count, -p.id) < (?::numeric, ?, ?)`,
      params: [last.averageRating ?? '-1', last.ratingCount, -last.id],
    };
  }
  return { sql: `(p.created, p.id) < (select created, id from products where id = ?)`, params: [last.id] };
}
