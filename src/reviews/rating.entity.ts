import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
// Rel<> keeps the relation's type out of decorator metadata: entities import each other.
import type { Rel } from '@mikro-orm/core';
import { Product } from '../products/product.entity';
import { User } from '../users/user.entity';
import { Timestamped } from '../database/timestamped.entity';

/**
 * One buyer's rating of one product, with an optional comment. Posting again replaces it (the
 * unique pair decides races); staff hide a review rather than delete it. Every change that
 * moves a product's average updates `products.average_rating`/`rating_count` in the same
 * transaction (see the reviews service).
 */
@Entity({ tableName: 'ratings' })
@Unique({ name: 'ratings_product_id_user_id_unique', properties: ['product', 'user'] })
@Check({ name: 'ratings_rating_range', expression: `"rating" between 1 and 5` })
@Check({ name: 'ratings_comment_length', expression: `length("comment") <= 2000` })
// A product's page of visible reviews, newest first, ties by id.
@Index({
  name: 'ratings_product_visible_created_index',
  expression:
    'create index "ratings_product_visible_created_index" on "ratings" ("product_id", "created" desc, "id" desc) where "is_visible"',
})
// A profile's reviews, newest first.
@Index({
  name: 'ratings_user_created_index',
  expression: 'create index "ratings_user_created_index" on "ratings" ("user_id", "created" desc, "id" desc)',
})
export class Rating extends Timestamped<'comment' | 'isVisible'> {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Product, { deleteRule: 'cascade' })
  product!: Rel<Product>;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  /** A whole number from 1 to 5. */
  @Property({ type: 'smallint' })
  rating!: number;

  /** Plain text, at most 2,000 characters; empty when the buyer left none. */
  @Property({ type: 'text', default: '' })
  comment: string = '';

  /** Staff can hide a review: it then leaves the list and the average. */
  @Property({ type: 'boolean', default: true })
  isVisible: boolean = true;
}
