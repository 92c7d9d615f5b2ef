import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { renderErrorPage } from './error-page';

/**
 * One rule at the edge for every query string and form field, before any route sees them:
 * what no form of this shop can produce is refused with a friendly 400, never cleaned up
 * silently and never left to fail deeper down (PostgreSQL refuses NUL in text, a header
 * refuses non-ASCII, a column refuses a value longer than it holds).
 *
 * Refused: malformed percent-encoding or invalid UTF-8; NUL and the other control characters
 * (tab, line feed and carriage return excepted: a textarea sends those); a field given twice
 * (or as an array); a name or value longer than any field allows. Bodies must be
 * `application/x-www-form-urlencoded` (what forms and htmx send) or, on the routes that take
 * a file (MULTIPART_ROUTES), `multipart/form-data`: passed through untouched, for the upload's
 * own parser, which applies `formFieldsProblem` to its text fields. Any other body gets 415.
 */

/** Longer than any field a form allows (the longest, a product's description, holds 2,000). */
export const MAX_FIELD_LENGTH = 4096;
const MAX_NAME_LENGTH = 100;
/**
 * Fields that carry what the page wrote rather than what a person typed: the checkout's
 * cart signature grows with the number of lines in the cart (about 25 characters a line).
 */
const LONGER_FIELDS: Record<string, number> = { expectedCart: 60_000 };

export type InputProblem = 'encoding' | 'control' | 'repeated' | 'too-long' | 'content-type';

const MESSAGES: Record<InputProblem, string> = {
  encoding: 'What was sent is not readable text (broken encoding). Please go back and try again.',
  control: 'What was sent holds characters that no form of this shop sends (such as a NUL byte). Please go back, check what you typed and try again.',
  repeated: 'A field was sent more than once. Please go back and send the form again.',
  'too-long': 'Something sent is longer than any field of this shop allows. Please go back and shorten it.',
  'content-type': 'This shop only reads what its own forms send. Please go back and use the form on the page.',
};

// C0 controls and DEL, except tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Where a form uploads a file (contract: the product form's Image, the CSV import). Elsewhere
 * nothing would parse a multipart body, and the route would see no fields at all.
 */
export const MULTIPART_ROUTES: RegExp[] = [/^\/admin\/products(?:\/\d+)?$/, /^\/admin\/products\/import(?:\/[\w-]+)?$/];

/** What is wrong with one field (a name and what the parser made of its value), if anything. */
export function fieldProblem(name: string, value: unknown): InputProblem | undefined {
  if (typeof value !== 'string') return 'repeated'; // an array (or an object) is a field given twice
  if (CONTROL.test(name) || CONTROL.test(value)) return 'control';
  if (name.length > MAX_NAME_LENGTH || value.length > (LONGER_FIELDS[name] ?? MAX_FIELD_LENGTH)) return 'too-long';
  return undefined;
}

/** The first problem among parsed form fields; for multipart fields as much as for urlencoded ones. */
export function formFieldsProblem(fields: unknown): InputProblem | undefined {
  if (fields === undefined || fields === null) return undefined;
  if (typeof fields !== 'object') return 'encoding';
  for (const [name, value] of Object.entries(fields)) {
    const problem = fieldProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Decodes `a=1&b=2` strictly: a malformed `%` escape or bytes that are not UTF-8 are a
 * problem, not U+FFFD; a name given twice is a problem, not an array.
 */
export function encodedPairsProblem(encoded: string): InputProblem | undefined {
  if (encoded === '') return undefined;
  const seen = new Set<string>();
  for (const pair of encoded.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, ' '));
      value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
    } catch {
      return 'encoding';
    }
    if (seen.has(name)) return 'repeated';
    seen.add(name);
    const problem = fieldProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/** The query string as the client sent it: browsers percent-encode everything but printable ASCII. */
function queryProblem(req: Request): InputProblem | undefined {
  const url = req.originalUrl;
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const query = url.slice(at + 1);
  if (!/^[\x21-\x7e]*$/.test(query)) return 'encoding';
  return encodedPairsProblem(query);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const RAW_BODY_PROBLEM = Symbol('rawBodyProblem');
type CheckedRequest = Request & { [RAW_BODY_PROBLEM]?: InputProblem };
const utf8 = new TextDecoder('utf-8', { fatal: true });

const urlencoded = express.urlencoded({
  extended: false, // flat names: `a[b]=1` stays a field called "a[b]", never an object
  limit: '64kb',
  parameterLimit: 200,
  // The raw body, checked strictly before the lenient parser turns bad bytes into U+FFFD.
  verify: (req, _res, buffer) => {
    let text: string;
    try {
      text = utf8.decode(buffer);
    } catch {
      (req as CheckedRequest)[RAW_BODY_PROBLEM] = 'encoding';
      return;
    }
    const problem = encodedPairsProblem(text);
    if (problem) (req as CheckedRequest)[RAW_BODY_PROBLEM] = problem;
  },
});

export function refuseInput(req: Request, res: Response, problem: InputProblem): void {
  renderErrorPage(req, res, { status: problem === 'content-type' ? 415 : 400, text: MESSAGES[problem] });
}

/** The edge itself: the query string, the body's type, then every form field. */
export function inputEdge(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const problem = queryProblem(req);
    if (problem) return refuseInput(req, res, problem);
    if (!hasBody(req)) return next();
    if (req.is('multipart/form-data') && MULTIPART_ROUTES.some((route) => route.test(req.path))) return next();
    if (!req.is('application/x-www-form-urlencoded')) return refuseInput(req, res, 'content-type');
    urlencoded(req, res, (error?: unknown) => {
      if (error) return next(error); // too large, unsupported charset, aborted: pipelineErrors
      const bodyProblem = (req as CheckedRequest)[RAW_BODY_PROBLEM] ?? formFieldsProblem(req.body);
      if (bodyProblem) return refuseInput(req, res, bodyProblem);
      next();
    });
  };
}
