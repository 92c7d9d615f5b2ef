import { explainRefusal } from './checkout-messages';

describe('explainRefusal', () => {
  it('says nothing when nothing stopped the order', () => {
    expect(explainRefusal(undefined)).toEqual({ problems: [], priceChanged: false, errors: {} });
  });

  it('names each product that is short or gone', () => {
    const text = explainRefusal({
      reason: 'problems',
      problems: [
        { productId: 1, name: 'Lamp', kind: 'short', available: 2, requested: 5 },
        { productId: 2, name: 'Vase', kind: 'unavailable' },
      ],
    });
    expect(text.problems).toEqual(['Lamp: only 2 left, you asked for 5.', 'Vase: no longer available. Please remove it from your cart.']);
    expect(text.priceChanged).toBe(false);
  });

  it('tells a changed cart from changed prices, with the new total, and asks to confirm', () => {
    const cart = explainRefusal({ reason: 'changed', total: 123456, cartChanged: true });
    expect(cart.priceChanged).toBe(true);
    expect(cart.problems).toEqual(['Your cart changed since you opened this page. The new total is $1,234.56: press Place order again to confirm.']);
    expect(explainRefusal({ reason: 'changed', total: 500, cartChanged: false }).problems[0]).toMatch(/^Prices changed since/);
  });

  it('puts an underpayment beside Amount paid, not above the form', () => {
    expect(explainRefusal({ reason: 'underpaid', total: 2000, amountPaid: 1999 })).toEqual({
      problems: [],
      priceChanged: false,
      errors: { amountPaid: 'Amount paid $19.99 is less than the total $20.00.' },
    });
  });

  it('explains an empty cart and an order too large to take', () => {
    expect(explainRefusal({ reason: 'empty-cart' }).problems).toEqual(['Your cart is empty: add something before checking out.']);
    expect(explainRefusal({ reason: 'too-large', total: 100_000_000_000 }).problems[0]).toBe(
      'This order comes to $1,000,000,000.00, more than we can take online. Please order fewer items.',
    );
  });
});
