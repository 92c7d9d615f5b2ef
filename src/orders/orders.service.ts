import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/app.config';
import { shopDateTime } from '../common/shop-time';
import { EntityManager } from '@mikro-orm/postgresql';
import { Order, type AddressFields, type OrderStatus } from './order.entity';
import { STATUS_LABELS } from './order-status';

/** One step of the order's life that has happened: when, and (for staff) by whom. */
export interface StatusStep {
  status: OrderStatus;
  label: string;
  at: Date;
  /** `at` as the shop's wall-clock time. */
  when: string;
  by?: string;
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
  status: OrderStatus;
  statusLabel: string;
  steps: StatusStep[];
  lines: { productId: number; name: string; quantity: number; unitPrice: number; cost: number }[];
}

/** Reading orders: one order's details, the last address used (histories: OrderHistoryQuery). */
@Injectable()
export class OrdersService {
  constructor(
    private readonly em: EntityManager,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** Names and address from this user's last order, to prefill the form. */
  async lastAddress(userId: number): Promise<AddressFields | undefined> {
    const order = await this.em.findOne(Order, { user: userId }, { orderBy: { created: 'desc', id: 'desc' }, fields: ['addressFields'] });
    return order?.addressFields;
  }

  async details(orderId: number): Promise<OrderDetails | undefined> {
    const order = await this.em.findOne(Order, orderId, { populate: ['items', 'user', 'shippedBy', 'deliveredBy', 'cancelledBy'] });
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
      status: order.status,
      statusLabel: STATUS_LABELS[order.status],
      steps: statusSteps(order, this.config.shopTimezone),
      lines,
    };
  }
}

function statusSteps(order: Order, timezone: string): StatusStep[] {
  const steps: (Omit<StatusStep, 'when'> | undefined)[] = [
    { status: 'placed', label: STATUS_LABELS.placed, at: order.created },
    order.shippedAt ? { status: 'shipped', label: STATUS_LABELS.shipped, at: order.shippedAt, by: order.shippedBy?.username } : undefined,
    order.deliveredAt ? { status: 'delivered', label: STATUS_LABELS.delivered, at: order.deliveredAt, by: order.deliveredBy?.username } : undefined,
    order.cancelledAt ? { status: 'cancelled', label: STATUS_LABELS.cancelled, at: order.cancelledAt, by: order.cancelledBy?.username } : undefined,
  ];
  return steps
    .filter((step) => step !== undefined)
    .map((step) => ({ ...step, when: shopDateTime(step.at, timezone) }));
}
