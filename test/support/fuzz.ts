import fc from 'fast-check';
import { csrfFrom, type Agent } from './http';
import { pageLeak } from './leaks';

/**
 * Generated input for the fuzz spec: what a browser, a script or an attacker could send to a
 * form or a query string. Bodies and queries are encoded here, byte by byte, so that broken
 * encodings and lone surrogates reach the shop exactly as generated.
 */

/** Runs per property: a few hundred in CI; `FUZZ_RUNS=5000` for a long local session. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) > 0 ? Number(process.env.FUZZ_RUNS) : 150;

const NASTY = [
  '\u0000', 'a\u0000b', '\u0007\u001b[31m', '\r\n\r\nX-Injected: 1', '\t', '\u007f', '\u202e', '\ufeff', '\ud800', '\udfff',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{constructor.constructor}}', '__proto__',
  "' or '1'='1", "'; drop table products;--", '%', '%00', '%zz', '%C4', '../../etc/passwd', '//evil.example', '/\\evil',
  'ā', '🙂', 'e\u0301', '1e309', '-1', '0', '00000001', '9007199254740993', 'NaN', 'Infinity', '12.345', ' ', '',
];

/** One field's value: anything from a plausible answer to what no form can produce. */
export const anyValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'ā', '🙂', '\u0000', '<'), fc.integer({ min: 100, max: 12_000 }))
      .map(([unit, times]) => unit.repeat(times)),
  },
);

export type Pair = [string, string];

/** Every byte but unreserved ASCII percent-encoded; a lone surrogate becomes U+FFFD as in a browser. */
function encodeStrictly(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** A generated fragment that is not proper encoding at all, spliced in as it is. */
const rawFragment = fc.constantFrom('%', '%zz', '%C4', '%ED%A0%80', '%FF%FE', '&&', '=', '==', 'a=%', '%%41');

/**
 * A form submission for the given fields: each field kept (with its usual value), replaced by
 * a generated value, dropped, given twice, or joined by a strange extra field or raw fragment.
 */
export function formPairs(fields: Record<string, string>): fc.Arbitrary<string> {
  const names = Object.keys(fields);
  const fieldChoice = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Pair[]>([[name, fields[name]]]) },
      { weight: 4, arbitrary: anyValue.map<Pair[]>((value) => [[name, value]]) },
      // The usual value with something spliced into it: `admin\u0000`, `5<script>`.
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...NASTY), fc.nat({ max: fields[name].length }))
          .map<Pair[]>(([insert, at]) => [[name, fields[name].slice(0, at) + insert + fields[name].slice(at)]]),
      },
      { weight: 1, arbitrary: fc.constant<Pair[]>([]) },
      { weight: 1, arbitrary: fc.tuple(anyValue, anyValue).map<Pair[]>(([a, b]) => [[name, a], [name, b]]) },
    );
  const extra = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'a[b]', 'name[]', '_method', ''), anyValue).map((pair) => encodePair(pair)),
      fc.tuple(anyValue, anyValue).map((pair) => encodePair(pair)),
      rawFragment,
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...names.map(fieldChoice)), extra)
    .map(([chosen, extras]) => [...chosen.flat().map(encodePair), ...extras].join('&'));
}

function encodePair([name, value]: Pair): string {
  return `${encodeStrictly(name)}=${encodeStrictly(value)}`;
}

/** A query string for a GET with these parameters. */
export function queryString(fields: Record<string, string>): fc.Arbitrary<string> {
  return formPairs(fields);
}

/** How the body is sent: mostly as a form, sometimes as a type no form sends. */
export const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json', 'application/xml', 'application/x-www-form-urlencoded; charset=latin1') },
  { weight: 1, arbitrary: fc.constant('multipart/form-data; boundary=fuzz') },
);

/**
 * Which CSRF token goes with it: the right one in the form, the right one in the header (as
 * htmx sends it, so that a body of the wrong type still reaches the route), none, or a wrong one.
 */
export const csrfChoice = fc.oneof(
  { weight: 6, arbitrary: fc.constant<'valid'>('valid') },
  { weight: 2, arbitrary: fc.constant<'header'>('header') },
  { weight: 1, arbitrary: fc.constant<'missing'>('missing') },
  { weight: 1, arbitrary: fc.constant<'wrong'>('wrong') },
);

/** Plain browser, htmx swap, or htmx asking for a whole page. */
export const htmxHeaders = fc.constantFrom<Record<string, string>>(
  {},
  { 'HX-Request': 'true', 'HX-Request-Type': 'partial' },
  { 'HX-Request': 'true', 'HX-Request-Type': 'full' },
);

/** A path segment where an id belongs. */
export const pathSegment = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '1e3', '99999999999999999999', '%00', '%zz', '%C4', '..', 'abc', '%2F'),
  fc.nat().map(String),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeStrictly),
);

/** A signed-in or anonymous client that knows its session's CSRF token. */
export class FuzzClient {
  private token = '';

  /** `anonymous`: a fuzzed registration may sign this client in; it then starts over, signed out. */
  constructor(
    private agent: Agent,
    private readonly formPage: string,
    private readonly anonymous?: () => Agent,
  ) {}

  async refreshToken(): Promise<void> {
    const page = await this.agent.get(this.formPage);
    if (page.status === 303 && this.anonymous) {
      this.agent = this.anonymous();
      return this.refreshToken();
    }
    this.token = csrfFrom(page.text);
  }

  async post(path: string, body: string, options: { type: string; csrf: 'valid' | 'header' | 'missing' | 'wrong'; headers: Record<string, string> }) {
    const csrf = options.csrf === 'valid' ? this.token : options.csrf === 'wrong' ? 'not-the-token' : '';
    const inBody = options.csrf === 'valid' || options.csrf === 'wrong';
    const full = inBody ? `_csrf=${encodeURIComponent(csrf)}${body ? `&${body}` : ''}` : body;
    const res = await this.agent
      .post(path)
      .set(options.headers)
      .set(options.csrf === 'header' ? { 'X-CSRF-Token': this.token } : {})
      .set('Content-Type', options.type)
      .serialize((data: unknown) => data as string)
      .send(full);
    await this.afterResponse(res);
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await this.agent.get(path).set(headers);
    await this.afterResponse(res);
    return res;
  }

  /** A log-in or a password change starts a new session: carry on with its token. */
  private async afterResponse(res: { status: number; text: string }) {
    const found = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '')?.[1];
    if (found) this.token = found;
    else if (res.status === 403 || res.status === 303) await this.refreshToken();
  }
}

/** What every answer must be: not a 5xx, and no stack trace, SQL, class name or unescaped script. */
export function assertSafe(res: { status: number; text: string }, what: string): void {
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
  const leak = pageLeak(res.text ?? '');
  if (leak) throw new Error(`${what} (status ${res.status}) showed ${leak}`);
}
