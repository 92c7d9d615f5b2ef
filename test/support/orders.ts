import type { EntityManager } from '@mikro-orm/postgresql';
import { centsToDecimal, parseMoneyInput } from '../../src/common/money';

export interface OrderSeed {
  username: string;
  /** When it was placed (an ISO instant). */
  created: string;
  lines: { productId: number; quantity: number; price: string }[];
  status?: 'placed' | 'shipped' | 'delivered' | 'cancelled';
  address?: string;
  paymentMethod?: string;
}

/**
 * Inserts an order with its lines straight into the database (stock untouched) and returns its
 * id: histories and dashboards need orders at chosen instants, which checkout cannot place.
 */
export async function insertOrder(em: EntityManager, seed: OrderSeed): Promise<number> {
  const connection = em.getConnection();
  const total = seed.lines.reduce((sum, line) => sum + parseMoneyInput(line.price)! * line.quantity, 0);
  const totalText = centsToDecimal(total);
  const status = seed.status ?? 'placed';
  const [row] = await connection.execute(
    `insert into orders (user_id, created, total_price, address, address_fields, payment_method, money_received, checkout_token,
                         status, shipped_at, delivered_at, cancelled_at)
     select u.id, ?::timestamptz, ?::numeric, ?, '{}'::jsonb, ?, ?::numeric, md5(random()::text), ?,
            case when ? in ('shipped', 'delivered') then ?::timestamptz end,
            case when ? = 'delivered' then ?::timestamptz end,
            case when ? = 'cancelled' then ?::timestamptz end
       from users u where u.username = ?
     returning id`,
    [
      seed.created,
      totalText,
      seed.address ?? '1 Test Street, Testville',
      seed.paymentMethod ?? 'Visa',
      totalText,
      status,
      status,
      seed.created,
      status,
      seed.created,
      status,
      seed.created,
      seed.username,
    ],
  );
  for (const line of seed.lines) {
    await connection.execute(
      `insert into order_items (order_id, product_id, product_name, quantity, unit_price)
       select ?, p.id, p.name, ?, ?::numeric from products p where p.id = ?`,
      [row.id, line.quantity, line.price, line.productId],
    );
  }
  return row.id as number;
}

/** The order ids linked from a history page, in page order. */
export function orderIds(html: string): number[] {
  return [...html.matchAll(/<td><a href="\/orders\/(\d+)">Order #\d+<\/a><\/td>/g)].map((match) => Number(match[1]));
}
