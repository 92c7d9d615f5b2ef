import type { Request } from 'express';
import { fetchPage, MAX_PAGES, pageNav, pageUrl, readPage, type PageSource } from './pagination';

/** A list of `n` numbered rows, recording what was asked of it. */
function rowsOf(n: number) {
  const asked: { caps: number[]; windows: { limit: number; offset: number }[] } = { caps: [], windows: [] };
  const source: PageSource<number> = {
    count: async (cap) => (asked.caps.push(cap), Math.min(n, cap)),
    rows: async (window) => {
      asked.windows.push(window);
      return Array.from({ length: n }, (_, i) => i + 1).slice(window.offset, window.offset + window.limit);
    },
  };
  return { source, asked };
}

const requestFor = (url: string) => ({ originalUrl: url }) as Request;

describe('pagination', () => {
  it.each([
    [{}, 1],
    [{ page: '2' }, 2],
    [{ page: '0' }, 1],
    [{ page: '-3' }, 1],
    [{ page: 'abc' }, 1],
    [{ page: '1.5' }, 1],
    [{ page: ['3', '4'] }, 3],
    // Past the end, however long the number: the last page (the contract), never the first.
    [{ page: '99999999999' }, MAX_PAGES],
    [{ page: '9'.repeat(400) }, MAX_PAGES],
    [{ page: '250' }, MAX_PAGES],
  ])('reads %o as page %i', (query, page) => {
    expect(readPage(query, 10).page).toBe(page);
  });

  it('shows the page asked for, and the last page when asked past the end', async () => {
    const { source, asked } = rowsOf(37);
    const second = await fetchPage({ page: 2, size: 10 }, source);
    expect(second).toMatchObject({ rows: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], page: 2, total: 37, more: false, lastPage: 4 });
    const past = await fetchPage({ page: 9, size: 10 }, source);
    expect(past).toMatchObject({ rows: [31, 32, 33, 34, 35, 36, 37], page: 4 });
    expect(asked.windows.at(-1)).toEqual({ limit: 10, offset: 30 });
  });

  it('counts no further than the pages can reach, and says there are more', async () => {
    const { source, asked } = rowsOf(1_000_000);
    const page = await fetchPage({ page: 100, size: 10 }, source);
    expect(asked.caps).toEqual([1001]);
    expect(page).toMatchObject({ total: 1000, more: true, lastPage: 100, page: 100 });
    expect(pageNav(requestFor('/shop?page=100'), page)).toMatchObject({ first: 991, last: 1000, nextUrl: undefined });
  });

  it('takes the count and the rows from one round trip, and reads again only when the page was past the end', async () => {
    const { source, asked } = rowsOf(37);
    const trips: string[] = [];
    const combined: PageSource<number> = {
      count: async () => { throw new Error('count alone is not asked for'); },
      rows: async (window) => (trips.push('rows'), source.rows(window)),
      countWithRows: async (cap, window) => {
        trips.push('both');
        return { counted: await source.count(cap), rows: await source.rows(window) };
      },
    };
    expect(await fetchPage({ page: 2, size: 10 }, combined)).toMatchObject({ rows: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], page: 2, total: 37 });
    expect(trips).toEqual(['both']);
    expect(await fetchPage({ page: 9, size: 10 }, combined)).toMatchObject({ rows: [31, 32, 33, 34, 35, 36, 37], page: 4 });
    expect(trips).toEqual(['both', 'both', 'rows']);
    expect(asked.caps).toEqual([1001, 1001]);
  });

  it('asks for no rows when nothing matches', async () => {
    const { source, asked } = rowsOf(0);
    expect(await fetchPage({ page: 3, size: 10 }, source)).toMatchObject({ rows: [], page: 1, total: 0, lastPage: 1 });
    expect(asked.windows).toEqual([]);
  });

  it('builds Previous and Next links that keep every other parameter', async () => {
    const { source } = rowsOf(37);
    const page = await fetchPage({ page: 2, size: 10 }, source);
    const nav = pageNav(requestFor('/shop?name=mug&page=2&category=Kitchen%20%26%20Home'), page);
    expect(nav).toEqual({
      first: 11,
      last: 20,
      total: 37,
      more: false,
      previousUrl: '/shop?name=mug&category=Kitchen+%26+Home',
      nextUrl: '/shop?name=mug&category=Kitchen+%26+Home&page=3',
    });
    expect(pageUrl(requestFor('/admin/users'), 2)).toBe('/admin/users?page=2');
  });
});
