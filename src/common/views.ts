import hbs from 'hbs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveFromRoot } from './paths';
import { centsToDecimal, formatCents } from './money';
import { hasRole, type SessionUser } from './session-user';
import type { RoleName } from '../roles/role.entity';

export const VIEWS_DIR = resolveFromRoot('views');

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
  hbs.registerHelper('errorFor', (errors: Record<string, string> | undefined, field: string) => errors?.[field]);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
}
