import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it('accepts whole numbers', () => {
    expect(parseQuantity('3', 1)).toEqual({ ok: true, quantity: 3 });
    expect(parseQuantity(' 0 ', 0)).toEqual({ ok: true, quantity: 0 });
  });

  it.each(['-1', '1.5', 'abc', '1e2', '', '0x1', ' '])('refuses %p', (input) => {
    expect(parseQuantity(input, 0).ok).toBe(false);
  });

  it('refuses 0 where at least one is needed, and absurd amounts', () => {
    expect(parseQuantity('0', 1)).toEqual({ ok: false, message: 'Quantity must be at least 1.' });
    expect(parseQuantity('99999999', 1).ok).toBe(false);
    expect(parseQuantity(undefined, 1).ok).toBe(false);
    expect(parseQuantity(['2'], 1).ok).toBe(false);
  });
});
