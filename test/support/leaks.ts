/**
 * What a page must never show a visitor: a stack trace, SQL, an error class name, or markup
 * from input that was not escaped. Returns what leaked, for the assertion's message.
 */
const LEAKS: Array<[string, RegExp]> = [
  ['a stack trace', /\bat (?:async )?\S+ \(?[^)\s]*\.(?:js|ts):\d+/],
  ['an error class name', /\b(?:[A-Z][a-z]+)+(?:Error|Exception)\b/],
  ['SQL', /\b(?:select|insert into|update|delete from)\b[^<]{0,80}\b(?:from|values|set|where)\b|\bsyntax error at or near\b|\bviolates \w+ constraint\b/i],
  ['an unescaped script tag', /<script(?![^>]*\bsrc="\/(?:vendor|static)\/)/i],
];

export function pageLeak(text: string): string | undefined {
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(text);
    if (match) return `${what}: ${match[0]}`;
  }
  return undefined;
}
