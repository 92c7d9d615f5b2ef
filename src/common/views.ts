import hbs from 'hbs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveFromRoot } from './paths';
import { centsToDecimal, formatCents } from './money';
import { hasRole, type SessionUser } from './session-user';
import type { RoleName } from '../roles/role.entity';
import { oneDecimal, reviewCount } from '../reviews/rating-text';

export const VIEWS_DIR = resolveFromRoot('views');

type CompileOptions = NonNullable<Parameters<typeof hbs.handlebars.compile>[1]>;
const WITH_OPTIONS = Symbol('shopCompileOptions');

/**
 * How every view and partial hbs renders is compiled (the reset mail compiles its own two).
 * `preventIndent`: a partial included on an indented line is not re-indented line by line. That
 * re-indenting split and joined every page's output (about a third of the shop page's render)
 * and, worse, indented user text inside a partial's `<textarea>`. The HTML's indentation
 * carries no meaning.
 */
export const COMPILE_OPTIONS: CompileOptions = { preventIndent: true };

/**
 * hbs compiles each view with Handlebars' defaults and has no setting for options, so its
 * Handlebars instance is given ours as defaults (once; partials compile through it too).
 */
export function useCompileOptions(): void {
  const handlebars = hbs.handlebars as typeof hbs.handlebars & { [WITH_OPTIONS]?: true };
  if (handlebars[WITH_OPTIONS]) return;
  const compile = handlebars.compile.bind(handlebars);
  handlebars.compile = ((input: string, options?: CompileOptions) => compile(input, { ...COMPILE_OPTIONS, ...options })) as typeof compile;
  handlebars[WITH_OPTIONS] = true;
}

/**
 * Registers every template under views/ (but the layouts) as a partial named by its path,
 * e.g. `partials/nav` or `cart/_row`, so a page includes the very fragment htmx swaps.
 * Done synchronously at start-up so the first request never races the registration.
 */
export function registerPartials(dir: string = VIEWS_DIR): void {
  for (const file of walk(dir)) {
    const name = relative(dir, file).replace(/\\/g, '/').replace(/\.hbs$/, '');
    if (name.startsWith('layouts/')) continue;
    hbs.registerPartial(name, readFileSync(file, 'utf8'));
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return walk(path);
    return entry.endsWith('.hbs') ? [path] : [];
  });
}

/** View helpers: small, pure, and never producing unescaped user data. */
export function registerHelpers(): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('money', (cents: unknown) => (typeof cents === 'number' ? formatCents(cents) : ''));
  hbs.registerHelper('number', (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : ''));
  hbs.registerHelper('decimal', (cents: unknown) => (typeof cents === 'number' ? centsToDecimal(cents) : ''));
  hbs.registerHelper('hasRole', (user: SessionUser | undefined, role: RoleName) => hasRole(user, role));
  hbs.registerHelper('date', (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.slice(0, 10) : '',
  );
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hbs.registerHelper('errorFor', (errors: Record<string, string> | undefined, field: string) => errors?.[field]);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('hasAny', (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length > 0);
  hbs.registerHelper('atMost', (value: unknown, limit: unknown) => typeof value === 'number' && typeof limit === 'number' && value <= limit);
  hbs.registerHelper('dateTime', (value: unknown) => {
    const date = toDate(value);
    return date ? formatDateTime(date) : '';
  });
  hbs.registerHelper('isoTime', (value: unknown) => toDate(value)?.toISOString() ?? '');
  // A product's stored average ("4.3333") as "4.3", and "27 reviews" (the shop's cards).
  hbs.registerHelper('ratingAverage', (average: unknown) => (typeof average === 'string' ? oneDecimal(average) : ''));
  hbs.registerHelper('reviewCount', (count: unknown) => (typeof count === 'number' ? reviewCount(count) : ''));
  hbs.registerHelper('roleName', (role: unknown) => ROLE_NAMES[role as RoleName] ?? String(role));
}

/** Role names as people say them; the contract's own names (shop_owner) stay on the buttons. */
const ROLE_NAMES: Record<RoleName, string> = { admin: 'Admin', shop_owner: 'Shop owner' };

function toDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** "2026-03-14 09:05 UTC": dates in pages are in UTC, the shop's one clock. */
export function formatDateTime(value: Date): string {
  return `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
