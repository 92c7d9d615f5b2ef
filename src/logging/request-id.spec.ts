import { isSaneRequestId } from './request-id';

describe('isSaneRequestId', () => {
  it.each(['a', 'abc-DEF_123.x', 'x'.repeat(64), '7f3c9a1e-0b5d-4c2e-9f00-1a2b3c4d5e6f'])('accepts %s', (id) => {
    expect(isSaneRequestId(id)).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'two words', 'a"b', 'a\nb', 'a,b', 'ä', 'a/b'])('refuses %j', (id) => {
    expect(isSaneRequestId(id)).toBe(false);
  });

  it('refuses anything but a string (a repeated header)', () => {
    expect(isSaneRequestId(['a', 'b'])).toBe(false);
    expect(isSaneRequestId(undefined)).toBe(false);
  });
});
