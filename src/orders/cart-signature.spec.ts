import { cartComposition, cartSignature, movedSince } from './cart-signature';

describe('cart signature', () => {
  it('lists lines in product order with quantity and price', () => {
    expect(cartSignature([{ productId: 9, quantity: 1, price: 250 }, { productId: 3, quantity: 2, price: 1999 }])).toBe('3x2@1999,9x1@250');
  });

  it('tells a price change from a cart change', () => {
    const seen = cartSignature([{ productId: 3, quantity: 2, price: 1000 }]);
    const repriced = cartSignature([{ productId: 3, quantity: 2, price: 1200 }]);
    const swapped = cartSignature([{ productId: 4, quantity: 2, price: 1000 }]);
    expect(repriced).not.toBe(seen);
    expect(cartComposition(repriced)).toBe(cartComposition(seen));
    expect(cartComposition(swapped)).not.toBe(cartComposition(seen));
  });
});

describe('movedSince', () => {
  const seen = cartSignature([{ productId: 3, quantity: 2, price: 1000 }]);

  it('reports nothing when the cart is as the form showed it, or empty now', () => {
    expect(movedSince(seen, seen)).toBeUndefined();
    expect(movedSince(seen, '')).toBeUndefined();
  });

  it('tells new prices from new lines', () => {
    expect(movedSince(seen, cartSignature([{ productId: 3, quantity: 2, price: 1200 }]))).toEqual({ cartChanged: false });
    expect(movedSince(seen, cartSignature([{ productId: 3, quantity: 3, price: 1000 }]))).toEqual({ cartChanged: true });
    expect(movedSince(seen, `${seen},4x1@500`)).toEqual({ cartChanged: true });
  });

  it('treats a form that showed nothing (or lost its field) as a changed cart', () => {
    expect(movedSince(undefined, seen)).toEqual({ cartChanged: true });
    expect(movedSince('', seen)).toEqual({ cartChanged: true });
  });
});
