import { Check, Collection, Entity, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
// Rel<> keeps the relation's type out of decorator metadata: entities import each other.
import type { Rel } from '@mikro-orm/core';
import { MoneyType } from '../common/money.type';
import { User } from '../users/user.entity';
import { OrderItem } from './order-item.entity';

export const ORDER_STATUSES = ['placed', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ['Cash', 'Visa', 'MasterCard', 'Amex'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The address parts as typed, kept to prefill the buyer's next checkout. */
export interface AddressFields {
  firstName: string;
  lastName: string;
  address: string;
  apartment: string;
  city: string;
  state: string;
  country: string;
  zipCode: string;
}

/**
 * The composed address line holds every field at its longest (checkout.dto.ts's limits come
 * to 702 characters with the separators; a unit test keeps the two in step).
 */
export const ADDRESS_MAX_LENGTH = 1000;

/** A placed order. Money is integer cents in code, NUMERIC(12,2) in the database. */
@Entity({ tableName: 'orders' })
// The histories at 1,000,000 orders (`npm run bench:orders`, docs/architecture.md "Order history
// at scale"): each list order has an index that returns its first page without sorting.
// A buyer's own orders, newest first (ties by id).
@Index({
  name: 'orders_user_created_index',
  expression: 'create index "orders_user_created_index" on "orders" ("user_id", "created" desc, "id" desc)',
})
// Staff, newest first and by dates; it carries total and status, so the totals line and the
// dashboard's sums over a date range are index-only scans.
@Index({
  name: 'orders_created_id_index',
  expression: 'create index "orders_created_id_index" on "orders" ("created" desc, "id" desc) include ("total_price", "status")',
})
// Sorted by total: forward for total_asc (ties newest first by an incremental sort), backward for total_desc.
@Index({
  name: 'orders_total_price_index',
  expression: 'create index "orders_total_price_index" on "orders" ("total_price", "created", "id")',
})
// Staff history by status, newest first (ties by id), at any size.
@Index({
  name: 'orders_status_created_index',
  expression: 'create index "orders_status_created_index" on "orders" ("status", "created" desc, "id" desc)',
})
@Unique({ name: 'orders_user_id_checkout_token_unique', properties: ['user', 'checkoutToken'] })
@Check({ name: 'orders_total_price_not_negative', expression: `"total_price" >= 0` })
@Check({ name: 'orders_money_received_covers_total', expression: `"money_received" >= "total_price"` })
@Check({ name: 'orders_status_known', expression: `"status" in ('placed', 'shipped', 'delivered', 'cancelled')` })
// Each status carries the time it was reached: a shipped order has shipped_at, and so on.
@Check({
  name: 'orders_status_times',
  expression: `("status" not in ('shipped', 'delivered') or "shipped_at" is not null) and ("status" <> 'delivered' or "delivered_at" is not null) and ("status" <> 'cancelled' or "cancelled_at" is not null)`,
})
@Check({ name: 'orders_payment_method_known', expression: `"payment_method" in ('Cash', 'Visa', 'MasterCard', 'Amex')` })
export class Order {
  [OptionalProps]?: 'created' | 'status';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  user!: Rel<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  created: Date = new Date();

  @Property({ type: MoneyType, fieldName: 'total_price' })
  totalPrice!: number;

  /** One readable line, e.g. "Ada Lovelace, 12 High St, Apt 3, London, Greater London W1 1AA, UK". */
  @Property({ type: 'string', length: ADDRESS_MAX_LENGTH })
  address!: string;

  @Property({ type: 'json', fieldName: 'address_fields' })
  addressFields!: AddressFields;

  @Property({ type: 'string', length: 20, fieldName: 'payment_method' })
  paymentMethod!: PaymentMethod;

  @Property({ type: MoneyType, fieldName: 'money_received' })
  moneyReceived!: number;

  /**
   * From the checkout form: a second submit of the same form finds this order instead of making
   * another. Unique per buyer, so nobody else's token can collide with (or block) theirs.
   */
  @Property({ type: 'string', length: 64, fieldName: 'checkout_token' })
  checkoutToken!: string;

  /** Set to `placed` by the column default when checkout inserts the order; see order-status.ts. */
  @Property({ type: 'string', length: 20, default: 'placed' })
  status: OrderStatus = 'placed';

  // When each move happened and who made it (the user is kept unless deleted).
  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'shipped_at', nullable: true })
  shippedAt?: Date;

  @ManyToOne(() => User, { fieldName: 'shipped_by', nullable: true, deleteRule: 'set null' })
  shippedBy?: Rel<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'delivered_at', nullable: true })
  deliveredAt?: Date;

  @ManyToOne(() => User, { fieldName: 'delivered_by', nullable: true, deleteRule: 'set null' })
  deliveredBy?: Rel<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'cancelled_at', nullable: true })
  cancelledAt?: Date;

  @ManyToOne(() => User, { fieldName: 'cancelled_by', nullable: true, deleteRule: 'set null' })
  cancelledBy?: Rel<User>;

  @OneToMany(() => OrderItem, (item) => item.order)
  items = new Collection<OrderItem>(this);
}
