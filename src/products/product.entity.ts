import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { MoneyType } from '../common/money.type';
import { Timestamped } from '../database/timestamped.entity';

/**
 * A product of the catalog. The database itself refuses a negative stock or price and an empty
 * name; the indexes serve the shop page's filters and sorts at any catalog size.
 */
@Entity({ tableName: 'products' })
@Check({ name: 'products_name_not_blank', expression: `length(btrim("name")) > 0` })
@Check({ name: 'products_stock_not_negative', expression: `"stock" >= 0` })
@Check({ name: 'products_unit_price_not_negative', expression: `"unit_price" >= 0` })
@Check({ name: 'products_rating_count_not_negative', expression: `"rating_count" >= 0` })
@Index({ name: 'products_created_index', expression: 'create index "products_created_index" on "products" ("created" desc, "id" desc)' })
@Index({
  name: 'products_visible_created_index',
  expression: 'create index "products_visible_created_index" on "products" ("created" desc, "id" desc) where "visibility"',
})
@Index({
  name: 'products_visible_category_created_index',
  expression:
    'create index "products_visible_category_created_index" on "products" ("category", "created" desc, "id" desc) where "visibility"',
})
@Index({ name: 'products_category_index', properties: ['category'] })
@Index({
  name: 'products_visible_price_index',
  expression: 'create index "products_visible_price_index" on "products" ("unit_price", "id") where "visibility"',
})
@Index({ name: 'products_price_index', properties: ['unitPrice', 'id'] })
// A category with a price or Top rated sort, to its 100th page: without these the price index is
// walked and each row's category checked (150 ms at 1,000,000 products, random heap reads).
@Index({
  name: 'products_visible_category_price_index',
  expression: 'create index "products_visible_category_price_index" on "products" ("category", "unit_price", "id") where "visibility"',
})
@Index({
  name: 'products_visible_category_rating_index',
  expression:
    'create index "products_visible_category_rating_index" on "products" ("category", "average_rating" desc nulls last, "rating_count" desc, "id") where "visibility"',
})
// The staff navigation's out-of-stock count: an index-only scan of a tiny partial index, at any
// catalog size (a bitmap scan of the stock index visited 20,000 heap pages at 1,000,000 products).
@Index({
  name: 'products_out_of_stock_index',
  expression: 'create index "products_out_of_stock_index" on "products" ("id") where "stock" = 0 and "visibility"',
})
@Index({ name: 'products_stock_index', properties: ['stock', 'id'] })
// The shop's "Top rated" sort: highest average first, then most ratings, unrated last, ties by id.
@Index({
  name: 'products_visible_rating_index',
  expression:
    'create index "products_visible_rating_index" on "products" ("average_rating" desc nulls last, "rating_count" desc, "id") where "visibility"',
})
@Index({
  name: 'products_rating_index',
  expression: 'create index "products_rating_index" on "products" ("average_rating" desc nulls last, "rating_count" desc, "id")',
})
@Index({
  name: 'products_name_trgm_index',
  expression: 'create index "products_name_trgm_index" on "products" using gin (lower("name") gin_trgm_ops)',
})
export class Product extends Timestamped<'description' | 'visibility' | 'version' | 'averageRating' | 'ratingCount'> {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 2000, default: '' })
  description: string = '';

  @Property({ type: 'string', length: 60 })
  category!: string;

  @Property({ type: 'integer' })
  stock!: number;

  /** Integer cents in code, NUMERIC(12,2) in the database. */
  @Property({ type: MoneyType, fieldName: 'unit_price' })
  unitPrice!: number;

  /** Shown on the shop when true; hidden products are staff-only. */
  @Property({ type: 'boolean', default: true })
  visibility: boolean = true;

  /**
   * The mean of the visible ratings (exact to 4 decimals, e.g. "4.3333"; null when there are
   * none) and their number: kept by the reviews service in the transaction of every change that
   * moves them, so the shop sorts by an index and never aggregates per page view. A decimal
   * string, never a JS float.
   */
  @Property({ type: 'decimal', precision: 5, scale: 4, nullable: true, fieldName: 'average_rating' })
  averageRating: string | null = null;

  @Property({ type: 'integer', default: 0, fieldName: 'rating_count' })
  ratingCount: number = 0;

  /** Bumped on every change: a save based on an older version is refused, not merged blindly. */
  @Property({ type: 'integer', version: true, default: 1 })
  version!: number;
}
