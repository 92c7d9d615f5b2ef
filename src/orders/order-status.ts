import type { OrderStatus } from './order.entity';

/**
 * An order's life: placed → shipped → delivered, or placed → cancelled. Delivered and cancelled
 * are final. Each action moves from exactly one status, which the guarded UPDATE checks.
 */
export type StatusAction = 'ship' | 'deliver' | 'cancel';

export const MOVES: Record<StatusAction, { from: OrderStatus; to: OrderStatus }> = {
  ship: { from: 'placed', to: 'shipped' },
  deliver: { from: 'shipped', to: 'delivered' },
  cancel: { from: 'placed', to: 'cancelled' },
};

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** What the viewer may do now: staff every move the status allows, the buyer only cancel. */
export function allowedActions(status: OrderStatus, viewer: { staff: boolean }): StatusAction[] {
  const actions = (Object.keys(MOVES) as StatusAction[]).filter((action) => MOVES[action].from === status);
  return viewer.staff ? actions : actions.filter((action) => action === 'cancel');
}

/** Why an action is refused in this status, in the viewer's words. */
export function refusal(action: StatusAction, status: OrderStatus): string {
  if (status === 'cancelled') return 'This order is already cancelled.';
  if (action === 'cancel') {
    return status === 'delivered'
      ? 'This order has been delivered: it can no longer be cancelled.'
      : 'This order has been shipped: it can no longer be cancelled.';
  }
  if (action === 'ship') {
    return status === 'delivered' ? 'This order is already delivered.' : 'This order is already shipped.';
  }
  // deliver
  return status === 'delivered' ? 'This order is already delivered.' : 'This order has not been shipped yet: mark it shipped first.';
}
