import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
// Rel<> keeps the relation's type out of decorator metadata: entities import each other.
import type { Rel } from '@mikro-orm/core';
import { MoneyType } from '../common/money.type';
import { Product } from '../products/product.entity';
import { Order } from './order.entity';

/** One line of an order, at the price actually charged. The name is kept as it was then. */
@Entity({ tableName: 'order_items' })
@Check({ name: 'order_items_quantity_positive', expression: `"quantity" > 0` })
@Check({ name: 'order_items_unit_price_not_negative', expression: `"unit_price" >= 0` })
export class OrderItem {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index({ name: 'order_items_order_id_index' })
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  // Serves the category filter of the histories (lines of a product) and the restrict check.
  @Index({ name: 'order_items_product_id_index' })
  @ManyToOne(() => Product, { deleteRule: 'restrict' })
  product!: Rel<Product>;

  @Property({ type: 'string', length: 120, fieldName: 'product_name' })
  productName!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: MoneyType, fieldName: 'unit_price' })
  unitPrice!: number;
}
