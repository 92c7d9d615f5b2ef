import { createHash, randomBytes } from 'node:crypto';

/** How long a reset link works. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

/** 32 random bytes, URL-safe (base64url without padding: 43 characters). */
export function newResetToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token. */
export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Anything else in the URL cannot be one of ours: no need to ask the database. */
export function isWellFormedResetToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
