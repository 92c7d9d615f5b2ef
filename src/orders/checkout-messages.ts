import type { FieldErrors } from '../common/form';
import { formatCents } from '../common/money';
import type { CheckoutRefusal } from './checkout.service';

/** What the checkout page says about a refusal: above the form, or beside a field. */
export interface RefusalText {
  /** Shown above the form: what stopped the order. */
  problems: string[];
  /** The cart or its prices moved: the next submit confirms what is shown now. */
  priceChanged: boolean;
  errors: FieldErrors;
}

/** What stopped the order, in the buyer's words. */
export function explainRefusal(refusal: CheckoutRefusal | undefined): RefusalText {
  const text: RefusalText = { problems: [], priceChanged: false, errors: {} };
  switch (refusal?.reason) {
    case undefined:
      return text;
    case 'empty-cart':
      return { ...text, problems: ['Your cart is empty: add something before checking out.'] };
    case 'problems':
      return {
        ...text,
        problems: refusal.problems.map((problem) =>
          problem.kind === 'unavailable'
            ? `${problem.name}: no longer available. Please remove it from your cart.`
            : `${problem.name}: only ${problem.available} left, you asked for ${problem.requested}.`,
        ),
      };
    case 'changed': {
      const what = refusal.cartChanged ? 'Your cart changed' : 'Prices changed';
      return {
        ...text,
        priceChanged: true,
        problems: [`${what} since you opened this page. The new total is ${formatCents(refusal.total)}: press Place order again to confirm.`],
      };
    }
    case 'too-large':
      return { ...text, problems: [`This order comes to ${formatCents(refusal.total)}, more than we can take online. Please order fewer items.`] };
    case 'underpaid':
      return {
        ...text,
        errors: { amountPaid: `Amount paid ${formatCents(refusal.amountPaid)} is less than the total ${formatCents(refusal.total)}.` },
      };
  }
}
