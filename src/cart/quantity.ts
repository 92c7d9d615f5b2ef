/** Quantities as typed: whole numbers only; `-1`, `1.5`, `abc` and absurd amounts are refused. */
export const MAX_QUANTITY = 10_000;

export type QuantityResult = { ok: true; quantity: number } | { ok: false; message: string };

export function parseQuantity(input: unknown, min: 0 | 1): QuantityResult {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { ok: false, message: 'Enter a quantity.' };
  if (!/^\d+$/.test(text)) {
    return { ok: false, message: `Quantity must be a whole number${min === 0 ? ', 0 or more (0 removes the line)' : ' of 1 or more'}.` };
  }
  const quantity = Number(text);
  if (quantity < min) return { ok: false, message: 'Quantity must be at least 1.' };
  if (quantity > MAX_QUANTITY) return { ok: false, message: `Quantity can be at most ${MAX_QUANTITY.toLocaleString('en-US')}.` };
  return { ok: true, quantity };
}
