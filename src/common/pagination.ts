import type { Request } from 'express';
import { firstString } from './form-fields';
import { raw, type EntityManager, type QueryBuilder } from '@mikro-orm/postgresql';

/**
 * One way for every list that can grow to go page by page (the shop, staff products, order
 * histories, users, reviews): the page is read from the query here, so a bad `page` never
 * reaches SQL; counting stops at what the links can reach, so a count stays cheap at any
 * size; the links keep every other query parameter.
 */

/** Links never go past this page; rows beyond it are reached by narrowing the filters. */
export const MAX_PAGES = 100;

export interface PageRequest {
  /** 1-based, at most MAX_PAGES; may still be past the end until the count is known. */
  page: number;
  size: number;
}

/** `page` from the query: a whole number from 1; anything else (0, -3, abc, 1.5) is the first page. */
export function readPage(query: Record<string, unknown>, size: number): PageRequest {
  const raw = firstString(query.page)?.trim();
  // Any whole number: one past the end (however long) is clamped to the last page, not the first.
  const page = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 1;
  return { page: Math.min(Math.max(page, 1), MAX_PAGES), size };
}

export interface Page<T> {
  rows: T[];
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  size: number;
  /** Matching rows, counted up to `countCap` (MAX_PAGES pages). */
  total: number;
  /** More rows match than were counted: "of more than 1,000". */
  more: boolean;
  lastPage: number;
}

export interface PageSource<T> {
  /** How many rows match, counting no further than `cap` (see cappedCount). */
  count(cap: number): Promise<number>;
  /** The rows of one window, in an order whose ties are broken by id. */
  rows(window: { limit: number; offset: number }): Promise<T[]>;
  /**
   * Optional: the count and the window asked for in one round trip (one statement). Only when
   * that page turns out to be past the end are the last page's rows read again with `rows`.
   */
  countWithRows?(cap: number, window: { limit: number; offset: number }): Promise<{ counted: number; rows: T[] }>;
}

/** The number of rows that one page request can ever reach. */
export function countCap(size: number): number {
  return MAX_PAGES * size;
}

export async function fetchPage<T>(request: PageRequest, source: PageSource<T>): Promise<Page<T>> {
  const cap = countCap(request.size);
  const window = (page: number) => ({ limit: request.size, offset: (page - 1) * request.size });
  const both = source.countWithRows ? await source.countWithRows(cap + 1, window(request.page)) : undefined;
  const counted = both ? both.counted : await source.count(cap + 1);
  const total = Math.min(counted, cap);
  const lastPage = Math.max(1, Math.ceil(total / request.size));
  const page = Math.min(request.page, lastPage);
  const rows = total === 0 ? [] : both && page === request.page ? both.rows : await source.rows(window(page));
  return { rows, page, size: request.size, total, more: counted > cap, lastPage };
}

/**
 * `select count(*) from (<the list's query> limit cap)`: the database stops after `cap` rows
 * instead of counting every match.
 */
export async function cappedCount<T extends object>(em: EntityManager, qb: QueryBuilder<T>, cap: number): Promise<number> {
  const inner = qb.clone().select(raw('1')).limit(cap).getKnexQuery().clearOrder();
  const outer = em.getKnex().count({ n: '*' }).from(inner.as('capped'));
  const rows: { n: string | number }[] = await em.execute(outer);
  return Number(rows[0]?.n ?? 0);
}

/** What the pagination partial shows. */
export interface PageNav {
  first: number;
  last: number;
  total: number;
  more: boolean;
  previousUrl?: string;
  nextUrl?: string;
}

/**
 * The "Showing 11–20 of 37" line and the Previous/Next links, built from the URL asked for
 * (or, after a post that shows a list again, the list's own URL: `{ originalUrl: '/products/7' }`).
 */
export function pageNav(req: Pick<Request, 'originalUrl'>, page: Page<unknown>): PageNav {
  const offset = (page.page - 1) * page.size;
  return {
    first: page.rows.length ? offset + 1 : 0,
    last: offset + page.rows.length,
    total: page.total,
    more: page.more,
    previousUrl: page.page > 1 ? pageUrl(req, page.page - 1) : undefined,
    nextUrl: page.page < page.lastPage ? pageUrl(req, page.page + 1) : undefined,
  };
}

/** The same path and query (every other parameter kept, in order), at another page. */
export function pageUrl(req: Pick<Request, 'originalUrl'>, page: number): string {
  const url = new URL(req.originalUrl, 'http://shop.invalid');
  url.searchParams.delete('page');
  if (page > 1) url.searchParams.set('page', String(page));
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ''}`;
}
