import { formatCents, MAX_CENTS } from '../common/money';
import type { CartChange } from './cart.service';

/** What a refused cart change says to the shopper. */
export function refusal(change: Exclude<CartChange, { ok: true }>): string {
  switch (change.reason) {
    case 'not-found':
      return 'That product is not in the shop.';
    case 'too-large':
      return `That many ${change.name} would cost more than ${formatCents(MAX_CENTS)}: please order fewer.`;
    case 'unavailable':
      return `${change.name} is no longer available.`;
    case 'short': {
      const left = `Only ${change.stock} left of ${change.name}`;
      if (change.stock === 0) return `${left}: it is out of stock.`;
      return change.inCart > 0 ? `${left}, and you already have ${change.inCart} in your cart.` : `${left}.`;
    }
  }
}

/** What a change that went through says: `added` is how many were just added. */
export function confirmation(change: Extract<CartChange, { ok: true }>, added?: number): string {
  if (added !== undefined) return `Added ${added} × ${change.name} to your cart.`;
  if (change.quantity === 0) return `Removed ${change.name} from your cart.`;
  return `Updated ${change.name}: ${change.quantity} in your cart.`;
}
