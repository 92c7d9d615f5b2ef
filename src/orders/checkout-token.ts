import { randomBytes } from 'node:crypto';

/**
 * One token per checkout page, sent back with the form and unique per buyer on `orders`: a
 * second submit of the same form finds the first order instead of placing another.
 */
export function newCheckoutToken(): string {
  return randomBytes(24).toString('hex');
}

/** The token the form sent back, if it is one we could have made; anything else is ignored. */
export function sentCheckoutToken(value: string | undefined): string | undefined {
  return value && /^[0-9a-f]{48}$/.test(value) ? value : undefined;
}
