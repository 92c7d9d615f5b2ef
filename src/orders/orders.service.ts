import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { moneyFromRow } from '../common/money.type';
import { Order, type AddressFields } from './order.entity';

export const HISTORY_LIMIT = 10;

export interface OrderSummaryRow {
  id: number;
  created: Date;
  items: number;
  total: number;
  username?: string;
}

export interface OrderDetails {
  id: number;
  userId: number;
  username: string;
  created: Date;
  address: string;
  paymentMethod: string;
  total: number;
  moneyReceived: number;
  change: number;
  lines: { productId: number; name: string; quantity: number; unitPrice: number; cost: number }[];
}

/** Reading orders: histories, one order's details, the last address used. */
@Injectable()
export class OrdersService {
  constructor(private readonly em: EntityManager) {}

  /** Names and address from this user's last order, to prefill the form. */
  async lastAddress(userId: number): Promise<AddressFields | undefined> {
    const order = await this.em.findOne(Order, { user: userId }, { orderBy: { created: 'desc', id: 'desc' }, fields: ['addressFields'] });
    return order?.addressFields;
  }

  /** The 10 most recent orders of one buyer, or (no buyer) of everyone, newest first. */
  async recent(userId?: number): Promise<OrderSummaryRow[]> {
    const rows: { id: number; created: Date; items: number; total_price: string; username: string }[] = await this.em.execute(
      `select o.id, o.created, o.total_price,
              (select coalesce(sum(quantity), 0)::int from order_items where order_id = o.id) as items,
              u.username
         from orders o join users u on u.id = o.user_id
        ${userId === undefined ? '' : 'where o.user_id = ?'}
        order by o.created desc, o.id desc
        limit ${HISTORY_LIMIT}`,
      userId === undefined ? [] : [userId],
    );
    return rows.map((row) => ({
      id: row.id,
      created: new Date(row.created),
      items: row.items,
      total: moneyFromRow(row.total_price),
      username: row.username,
    }));
  }

  async details(orderId: number): Promise<OrderDetails | undefined> {
    const order = await this.em.findOne(Order, orderId, { populate: ['items', 'user'] });
    if (!order) return undefined;
    const lines = order.items
      .getItems()
      .sort((a, b) => a.id - b.id)
      .map((item) => ({
        productId: item.product.id,
        name: item.productName,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        cost: item.unitPrice * item.quantity,
      }));
    return {
      id: order.id,
      userId: order.user.id,
      username: order.user.username,
      created: order.created,
      address: order.address,
      paymentMethod: order.paymentMethod,
      total: order.totalPrice,
      moneyReceived: order.moneyReceived,
      change: order.moneyReceived - order.totalPrice,
      lines,
    };
  }
}
