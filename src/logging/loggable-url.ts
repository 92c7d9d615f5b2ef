/** Query parameters whose values never reach the log, on any URL. */
const SECRET_PARAM = /pass|token|csrf|secret/i;
/** Path segments that are secrets themselves (a reset link's token). */
const SECRET_PATHS: RegExp[] = [/^(\/password\/reset\/)[^/?]+/];

/**
 * A URL as the log may show it: the query string of /login (where `next` and, from a careless
 * form, credentials could sit) is dropped; secret-looking parameters and path tokens are masked.
 */
export function loggableUrl(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  for (const pattern of SECRET_PATHS) path = path.replace(pattern, '$1[redacted]');
  if (!query) return path;
  if (path === '/login' || path.startsWith('/login/')) return path;
  const masked = query
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0];
      return SECRET_PARAM.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${masked}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
