import { loggableUrl } from './loggable-url';

describe('loggableUrl', () => {
  it('drops the whole query string of /login', () => {
    expect(loggableUrl('/login?next=%2Fsecret&identifier=bob')).toBe('/login');
    expect(loggableUrl('/login')).toBe('/login');
  });

  it('masks secret-looking parameters elsewhere and keeps the rest', () => {
    expect(loggableUrl('/shop?name=lamp&page=2')).toBe('/shop?name=lamp&page=2');
    expect(loggableUrl('/x?password=hunter2&_csrf=abc&q=1&api_token=t')).toBe('/x?password=[redacted]&_csrf=[redacted]&q=1&api_token=[redacted]');
  });

  it('masks the token of a password reset link', () => {
    expect(loggableUrl('/password/reset/abcDEF123')).toBe('/password/reset/[redacted]');
    expect(loggableUrl('/password/reset/abcDEF123?x=1')).toBe('/password/reset/[redacted]?x=1');
  });
});
