import { newCheckoutToken, sentCheckoutToken } from './checkout-token';

describe('checkout tokens', () => {
  it('makes a new 48-hex-digit token each time', () => {
    const [a, b] = [newCheckoutToken(), newCheckoutToken()];
    expect(a).toMatch(/^[0-9a-f]{48}$/);
    expect(b).not.toBe(a);
  });

  it('keeps only a token we could have made', () => {
    const token = newCheckoutToken();
    expect(sentCheckoutToken(token)).toBe(token);
    for (const bad of [undefined, '', 'abc', token.toUpperCase(), `${token}0`, `'; drop table orders; --`]) {
      expect(sentCheckoutToken(bad)).toBeUndefined();
    }
  });
});
