import { Check, Collection, Entity, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
// Rel<> keeps the relation's type out of decorator metadata: entities import each other.
import type { Rel } from '@mikro-orm/core';
import { MoneyType } from '../common/money.type';
import { User } from '../users/user.entity';
import { OrderItem } from './order-item.entity';

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
@Index({ name: 'orders_user_id_created_index', properties: ['user', 'created'] })
@Index({ name: 'orders_created_index', properties: ['created'] })
@Unique({ name: 'orders_user_id_checkout_token_unique', properties: ['user', 'checkoutToken'] })
@Check({ name: 'orders_total_price_not_negative', expression: `"total_price" >= 0` })
@Check({ name: 'orders_money_received_covers_total', expression: `"money_received" >= "total_price"` })
@Check({ name: 'orders_payment_method_known', expression: `"payment_method" in ('Cash', 'Visa', 'MasterCard', 'Amex')` })
export class Order {
  [OptionalProps]?: 'created';

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

  @OneToMany(() => OrderItem, (item) => item.order)
  items = new Collection<OrderItem>(this);
}
