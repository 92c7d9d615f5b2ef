/**
 * Where to go after logging in (or after a form): only a path on this site, sent back in a
 * `Location` or `HX-Redirect` header. Header values must be printable ASCII — Node throws
 * ERR_INVALID_CHAR on anything else — so the path is percent-encoded the way a browser would
 * (`/ā` becomes `/%C4%81`), and whatever cannot be made safe is refused (undefined).
 */
const MAX_NEXT_LENGTH = 2000;
const PRINTABLE_ASCII_PATH = /^\/[\x21-\x7e]*$/;

export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > MAX_NEXT_LENGTH) return undefined;
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" would become "//evil…".
  if (/[\u0000-\u001f\u007f]/.test(next)) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  let encoded: string;
  try {
    encoded = encodeURI(next); // leaves ASCII punctuation (and existing %XX) alone
  } catch {
    return undefined; // a lone surrogate: not text at all
  }
  if (encoded.length > MAX_NEXT_LENGTH || !PRINTABLE_ASCII_PATH.test(encoded)) return undefined;
  return encoded;
}
