import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
// Rel<> keeps the relation's type out of decorator metadata: entities import each other.
import type { Rel } from '@mikro-orm/core';
import { MoneyType } from '../common/money.type';
import { Product } from '../products/product.entity';
import { User } from '../users/user.entity';
import { Timestamped } from '../database/timestamped.entity';

/**
 * One line of a user's cart. One row per (user, product): adding again adds to the quantity.
 * `unitPrice` is the price when the line was added or last changed, so checkout can tell the
 * buyer when the price has moved since.
 */
@Entity({ tableName: 'cart' })
@Unique({ name: 'cart_user_id_product_id_unique', properties: ['user', 'product'] })
@Check({ name: 'cart_desired_quantity_positive', expression: `"desired_quantity" > 0` })
@Check({ name: 'cart_unit_price_not_negative', expression: `"unit_price" >= 0` })
export class CartItem extends Timestamped {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index({ name: 'cart_product_id_index' })
  @ManyToOne(() => Product, { deleteRule: 'restrict' })
  product!: Rel<Product>;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'integer' })
  desiredQuantity!: number;

  @Property({ type: MoneyType, fieldName: 'unit_price' })
  unitPrice!: number;
}
