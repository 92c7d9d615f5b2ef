/**
 * Money is integer cents in code and NUMERIC(12,2) in PostgreSQL; it never passes through a
 * JS float. These functions convert between cents, database text and what people type.
 */

/** Largest amount NUMERIC(12,2) holds, in cents. */
export const MAX_CENTS = 99_999_999_999;

/** `1234` → `"12.34"`, `-5` → `"-0.05"`: the exact decimal text PostgreSQL accepts. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `"12.34"` (as PostgreSQL sends NUMERIC) → `1234`, by string arithmetic only. */
export function decimalToCents(text: string): number {
  const match = /^(-)?(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${text}`);
  const [, minus, whole, fraction = ''] = match;
  if (/[1-9]/.test(text.trim().split('.')[1]?.slice(2) ?? '')) {
    throw new RangeError(`more than two decimals: ${text}`);
  }
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}

/** Why typed money is refused: not a plain amount with at most two decimals, or too large. */
export type MoneyInputProblem = 'format' | 'too-large';

export function moneyInputProblem(input: unknown): MoneyInputProblem | undefined {
  if (typeof input !== 'string' || !/^\$?\d+(\.\d{1,2})?$/.test(input.trim())) return 'format';
  return parseMoneyInput(input) === undefined ? 'too-large' : undefined;
}

/**
 * What a person typed (`12`, `12.5`, `12.50`) → cents, or undefined when it is not a plain
 * non-negative amount with at most two decimals (`1e3`, `12.345`, `-1`, `abc` are refused)
 * or more than NUMERIC(12,2) holds.
 */
export function parseMoneyInput(input: unknown): number | undefined {
  if (typeof input !== 'string') return undefined;
  const match = /^\$?(\d{1,10})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_CENTS ? cents : undefined;
}

/** `1234` → `"$12.34"`, with thousands separators. */
export function formatCents(cents: number): string {
  const [whole, fraction] = centsToDecimal(Math.abs(cents)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}$${grouped}.${fraction}`;
}
