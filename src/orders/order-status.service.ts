import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '../common/clock';
import type { OrderStatus } from './order.entity';
import { MOVES, refusal, type StatusAction } from './order-status';

export interface StatusActor {
  userId: number;
  staff: boolean;
}

export type MoveResult =
  | { ok: true; status: OrderStatus }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'refused'; status: OrderStatus; message: string };

/** Which columns record the time and the actor of reaching each status. */
const STAMPS: Record<StatusAction, { at: string; by: string }> = {
  ship: { at: 'shipped_at', by: 'shipped_by' },
  deliver: { at: 'delivered_at', by: 'delivered_by' },
  cancel: { at: 'cancelled_at', by: 'cancelled_by' },
};

/**
 * Moving an order along its life. Each move is one transaction around a guarded UPDATE
 * (`… where id = ? and status = <the one status it moves from>`): of two moves at the same
 * instant the second waits for the first's row lock, then finds the status changed and updates
 * nothing, so a move happens once. A cancel puts the stock back in that same transaction.
 */
@Injectable()
export class OrderStatusService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async move(orderId: number, action: StatusAction, actor: StatusActor): Promise<MoveResult> {
    // The buyer may only cancel; staff may make every move. Someone else's order is not there.
    const order = await this.readStatus(this.em, orderId);
    if (!order || (!actor.staff && order.userId !== actor.userId)) return { ok: false, reason: 'not-found' };
    if (!actor.staff && action !== 'cancel') return { ok: false, reason: 'not-found' };
    return this.em.transactional((em) => this.inTransaction(em, orderId, action, actor));
  }

  private async inTransaction(em: EntityManager, orderId: number, action: StatusAction, actor: StatusActor): Promise<MoveResult> {
    const { from, to } = MOVES[action];
    const stamp = STAMPS[action];
    // 1. The guarded update: it changes the row only while it still has the status it moves from.
    const moved: { id: number }[] = await em.execute(
      `update orders set status = ?, ${stamp.at} = ?, ${stamp.by} = ? where id = ? and status = ? returning id`,
      [to, this.clock.now(), actor.userId, orderId, from],
    );
    if (moved.length === 0) {
      // Someone else moved it first (or the status never allowed it): nothing changed; say why.
      const current = await this.readStatus(em, orderId);
      if (!current) return { ok: false, reason: 'not-found' };
      return { ok: false, reason: 'refused', status: current.status, message: refusal(action, current.status) };
    }
    if (action === 'cancel') await this.restock(em, orderId);
    return { ok: true, status: to };
  }

  /**
   * Every line's quantity back into its product's stock, hidden products included. The products
   * are locked in id order first, as checkout locks them, so a cancel and a checkout of the same
   * products never deadlock; the increment itself is relative, so no concurrent change is lost. The version moves
   * on, as with every stock change, so a staff edit based on the old stock is refused, not saved over it.
   */
  private async restock(em: EntityManager, orderId: number): Promise<void> {
    await em.execute(
      `select p.id from products p
        where p.id in (select product_id from order_items where order_id = ?)
        order by p.id for update`,
      [orderId],
    );
    await em.execute(
      `update products p set stock = p.stock + lines.quantity, version = p.version + 1, modified = now()
         from (select product_id, sum(quantity)::int as quantity from order_items where order_id = ? group by product_id) lines
        where p.id = lines.product_id`,
      [orderId],
    );
  }

  private async readStatus(em: EntityManager, orderId: number): Promise<{ userId: number; status: OrderStatus } | undefined> {
    const rows: { user_id: number; status: OrderStatus }[] = await em.execute('select user_id, status from orders where id = ?', [orderId]);
    return rows[0] ? { userId: rows[0].user_id, status: rows[0].status } : undefined;
  }
}
