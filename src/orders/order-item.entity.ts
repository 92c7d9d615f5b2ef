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
// An order's lines as an index-only scan: the cascade, the items count, the category probe per
// order, the category's part of the total and the dashboard's best sellers.
@Index({
  name: 'order_items_order_product_index',
  expression: 'create index "order_items_order_product_index" on "order_items" ("order_id", "product_id") include ("quantity", "unit_price")',
})
// The other way round: a category's products → their lines → the orders (the category filter's
// semi-join and the category's part of the total), and the restrict check when a product is deleted.
@Index({
  name: 'order_items_product_order_index',
  expression: 'create index "order_items_product_order_index" on "order_items" ("product_id", "order_id") include ("quantity", "unit_price")',
})
export class OrderItem {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @ManyToOne(() => Product, { deleteRule: 'restrict' })
  product!: Rel<Product>;

  @Property({ type: 'string', length: 120, fieldName: 'product_name' })
  productName!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: MoneyType, fieldName: 'unit_price' })
  unitPrice!: number;
}
