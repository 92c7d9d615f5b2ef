import { hashResetToken, isWellFormedResetToken, newResetToken } from './reset-token';

describe('reset tokens', () => {
  it('are 32 random bytes, URL-safe, and never twice the same', () => {
    const tokens = Array.from({ length: 50 }, newResetToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedResetToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as a SHA-256 hash that does not contain the token', () => {
    const token = newResetToken();
    const hash = hashResetToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashResetToken(token));
    expect(hash).not.toContain(token);
  });

  it('refuses anything that no link of ours holds', () => {
    for (const value of ['', 'abc', `${newResetToken()}x`, `${newResetToken().slice(0, 42)}=`, '../../etc/passwd', undefined, 42]) {
      expect(isWellFormedResetToken(value)).toBe(false);
    }
  });
});
