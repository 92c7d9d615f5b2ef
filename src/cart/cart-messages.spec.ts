import { confirmation, refusal } from './cart-messages';

describe('cart messages', () => {
  it('explains each refusal in the shopper\'s words', () => {
    expect(refusal({ ok: false, reason: 'not-found' })).toBe('That product is not in the shop.');
    expect(refusal({ ok: false, reason: 'unavailable', name: 'Lamp' })).toBe('Lamp is no longer available.');
    expect(refusal({ ok: false, reason: 'too-large', name: 'Gold Bar' })).toBe(
      'That many Gold Bar would cost more than $999,999,999.99: please order fewer.',
    );
  });

  it('says how many are left, out of stock, and what is already in the cart', () => {
    expect(refusal({ ok: false, reason: 'short', name: 'Lamp', stock: 3, inCart: 0 })).toBe('Only 3 left of Lamp.');
    expect(refusal({ ok: false, reason: 'short', name: 'Lamp', stock: 3, inCart: 2 })).toBe(
      'Only 3 left of Lamp, and you already have 2 in your cart.',
    );
    expect(refusal({ ok: false, reason: 'short', name: 'Lamp', stock: 0, inCart: 0 })).toBe('Only 0 left of Lamp: it is out of stock.');
  });

  it('confirms an add, an update and a removal', () => {
    expect(confirmation({ ok: true, quantity: 5, name: 'Mug' }, 2)).toBe('Added 2 × Mug to your cart.');
    expect(confirmation({ ok: true, quantity: 5, name: 'Mug' })).toBe('Updated Mug: 5 in your cart.');
    expect(confirmation({ ok: true, quantity: 0, name: 'Mug' })).toBe('Removed Mug from your cart.');
  });
});
