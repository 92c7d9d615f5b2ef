import request from 'supertest';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { OrderHistoryQuery } from '../../src/orders/order-history.query';
import { agent, HTMX_PARTIAL, type Agent } from '../support/http';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { insertOrder, orderIds } from '../support/orders';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The contract's "Order history" filters and totals, and the staff CSV, in a shop whose days
 * are New York's (UTC-5 in January): 04:59 UTC is 23:59 the day before, 05:00 UTC is midnight.
 */
describe('order histories', () => {
  let t: TestApp;
  let staff: Agent;
  let alice: Agent;
  let names: Record<'alice' | 'bob' | 'carol' | 'dave', string>;
  const o: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { SHOP_TIMEZONE: 'America/New_York' } });
    staff = (await signedInWithRole(t.server, t.em(), 'admin')).client;
    alice = agent(t.server);
    const accounts = await Promise.all(['alice', 'bob', 'carol', 'dave'].map(async (name) => {
      const client = name === 'alice' ? alice : agent(t.server);
      return (await signedUp(client, name)).username;
    }));
    names = { alice: accounts[0], bob: accounts[1], carol: accounts[2], dave: accounts[3] };
    const em = t.em();
    const candle = await insertProduct(em, { name: 'Beeswax Candle', category: 'Candles' });
    const mug = await insertProduct(em, { name: 'Stoneware Mug', category: 'Kitchen' });
    const line = (productId: number, quantity: number, price: string) => ({ productId, quantity, price });
    o.o1 = await insertOrder(em, { username: names.alice, created: '2026-01-10T04:59:00Z', lines: [line(candle, 1, '10.00')] });
    o.o2 = await insertOrder(em, { username: names.alice, created: '2026-01-10T05:00:00Z', lines: [line(mug, 1, '25.00')] });
    o.o3 = await insertOrder(em, { username: names.alice, created: '2026-01-11T04:59:00Z', lines: [line(mug, 1, '25.00'), line(candle, 2, '10.00')] });
    o.o4 = await insertOrder(em, { username: names.alice, created: '2026-01-11T05:00:00Z', lines: [line(candle, 1, '10.00')], status: 'cancelled' });
    o.o5 = await insertOrder(em, {
      username: names.bob,
      created: '2026-01-10T12:00:00Z',
      lines: [line(mug, 1, '25.50')],
      status: 'shipped',
      address: '=HYPERLINK("http://evil.example"), 12 "Main" St',
      paymentMethod: 'Cash',
    });
    for (let i = 0; i < 23; i += 1) {
      await insertOrder(em, { username: names.carol, created: `2026-01-20T1${i % 10}:${String(i).padStart(2, '0')}:00Z`, lines: [line(candle, 1, '1.00')] });
    }
    for (const price of ['25.00', '25.00', '25.50']) {
      await insertOrder(em, { username: names.dave, created: '2026-02-01T12:00:00Z', lines: [line(mug, 1, price)], address: '@SUM(A1)\tx' });
    }
  }, 120_000);
  afterAll(() => t?.close());

  const get = (client: Agent, url: string, status = 200) => client.get(url).expect(status);
  const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

  describe('the buyer', () => {
    it('takes From and To as whole days in the shop zone, both included (23:59 and 00:00 edges)', async () => {
      const res = await get(alice, '/orders?from=2026-01-10&to=2026-01-10');
      expect(orderIds(res.text)).toEqual([o.o3, o.o2]);
      expect(res.text).toContain('2 orders');
      expect(res.text).toContain('Total $70.00');
      expect(orderIds((await get(alice, '/orders?to=2026-01-09')).text)).toEqual([o.o1]);
      expect(orderIds((await get(alice, '/orders?from=2026-01-11')).text)).toEqual([o.o4]);
      // The day shown is the shop's day too.
      expect(res.text).toContain('>2026-01-10</time>');
    });

    it('sees only their own orders whatever the query says', async () => {
      const res = await get(alice, `/orders?buyer=${names.bob}&status=shipped`);
      expect(orderIds(res.text)).toEqual([o.o4, o.o3, o.o2, o.o1]);
      expect(res.text).toContain('4 orders');
      expect(res.text).toContain('Total $90.00');
      expect(res.text).not.toContain('name="buyer"');
    });

    it('filters by category with the part spent in it, each order once', async () => {
      const res = await get(alice, '/orders?category=Candles');
      expect(orderIds(res.text)).toEqual([o.o4, o.o3, o.o1]);
      expect(res.text).toContain('Total $65.00');
      expect(res.text).toContain('of which $40.00 in Candles');
    });
  });

  describe('staff', () => {
    it('lists every buyer, newest first, with the totals of all matching orders', async () => {
      const res = await get(staff, '/admin/orders?from=2026-01-10&to=2026-01-10');
      expect(orderIds(res.text)).toEqual([o.o3, o.o5, o.o2]);
      expect(res.text).toContain('3 orders');
      expect(res.text).toContain('Total $95.50');
    });

    it.each([
      ['status=cancelled', () => [o.o4], 'Total $10.00'],
      ['status=shipped', () => [o.o5], 'Total $25.50'],
      ['category=Kitchen&from=2026-01-10&to=2026-01-31', () => [o.o3, o.o5, o.o2], 'Total $95.50'],
      ['buyer=ALICE', () => [o.o4, o.o3, o.o2, o.o1], 'Total $90.00'],
      ['buyer=%25', () => [], 'Total $0.00'],
      ['buyer=alice&category=Kitchen&from=2026-01-10', () => [o.o3, o.o2], 'Total $70.00'],
      ['category=Nothing%20Like%20It', () => [], 'Total $0.00'],
    ])('filters by %s', async (query, expected, total) => {
      const res = await get(staff, `/admin/orders?${query.replace('alice', names.alice).replace('ALICE', names.alice.toUpperCase())}`);
      expect(orderIds(res.text)).toEqual(expected());
      expect(res.text).toContain(total);
      if (expected().length === 0) expect(res.text).toContain('No orders match your filters.');
    });

    it.each([
      ['date_asc', () => [o.o1, o.o2, o.o5, o.o3, o.o4]],
      ['date_desc', () => [o.o4, o.o3, o.o5, o.o2, o.o1]],
      ['total_desc', () => [o.o3, o.o5, o.o2, o.o4, o.o1]],
      ['total_asc', () => [o.o4, o.o1, o.o2, o.o5, o.o3]],
    ])('sorts by %s, ties newest first', async (sort, expected) => {
      const res = await get(staff, `/admin/orders?to=2026-01-11&sort=${sort}`);
      expect(orderIds(res.text)).toEqual(expected());
    });

    it('sums every page, not just the one shown, and keeps every filter on the page links', async () => {
      const seen: number[] = [];
      for (const page of [1, 2, 3]) {
        const res = await get(staff, `/admin/orders?buyer=${names.carol}&sort=date_asc&page=${page}`);
        expect(res.text).toContain('23 orders');
        expect(res.text).toContain('Total $23.00');
        seen.push(...orderIds(res.text));
        if (page === 1) {
          expect(res.text).toContain('Showing 1–10 of 23');
          expect(decode(res.text)).toContain(`href="/admin/orders?buyer=${names.carol}&sort=date_asc&page=2" rel="next"`);
        }
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    });

    it('shows the contract example: two orders of $25 and one of $25.50 are "Total $75.50"', async () => {
      const res = await get(staff, `/admin/orders?buyer=${names.dave}`);
      expect(res.text).toContain('3 orders');
      expect(res.text).toContain('Total $75.50');
    });

    it('answers an htmx filter with the history block alone', async () => {
      const res = await staff.get('/admin/orders?status=cancelled').set(HTMX_PARTIAL).expect(200);
      expect(res.text.trim()).toMatch(/^<section id="order-history">/);
      expect(orderIds(res.text)).toEqual([o.o4]);
    });
  });

  describe('filters that cannot be read', () => {
    it.each([
      ['from=2026-02-30', 'from', 'From must be a date'],
      ['from=yesterday', 'from', 'From must be a date'],
      ['to=2026-13-01', 'to', 'To must be a date'],
      ['from=2026-01-11&to=2026-01-10', 'to', 'To must be on or after From.'],
    ])('refuses %s with 422 beside the field, the other filters kept and no rows', async (query, field, message) => {
      const res = await get(staff, `/admin/orders?${query}&category=Candles&sort=total_asc&buyer=ali`, 422);
      expect(res.text).toMatch(new RegExp(`id="${field}-error">${message}`));
      expect(orderIds(res.text)).toEqual([]);
      expect(res.text).not.toContain('Total $');
      expect(res.text).toContain('<option value="Candles" selected>');
      expect(res.text).toContain('<option value="total_asc" selected>');
      expect(res.text).toContain('name="buyer" value="ali"');
      expect((await get(alice, `/orders?${query}`, 422)).text).toMatch(new RegExp(`id="${field}-error">${message}`));
    });

    it('refuses an unknown status', async () => {
      const res = await get(staff, '/admin/orders?status=lost', 422);
      expect(res.text).toContain('id="status-error">Choose a status');
      expect(orderIds(res.text)).toEqual([]);
    });
  });

  describe('the CSV', () => {
    const csv = (query: string) => staff.get(`/admin/orders.csv${query}`).buffer(true).parse((res, done) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done(null, body));
    });

    it('is linked from the staff history with the same filters', async () => {
      const res = await get(staff, `/admin/orders?buyer=${names.carol}&page=2`);
      expect(decode(res.text)).toContain(`href="/admin/orders.csv?buyer=${names.carol}" download>Download CSV</a>`);
    });

    it('holds every matching order of all pages, with the contract columns', async () => {
      const res = await csv(`?buyer=${names.carol}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = (res.body as string).trimEnd().split('\r\n');
      expect(lines[0]).toBe('id,created,buyer,status,items,total,payment_method,money_received,address');
      expect(lines).toHaveLength(24);
      expect(lines[1]).toMatch(new RegExp(`^\\d+,2026-01-20T1\\d:\\d\\d:00\\.000Z,${names.carol},placed,1,1\\.00,Visa,1\\.00,1 Test Street, Testville$`.replace('1 Test Street, Testville', '"1 Test Street, Testville"')));
    });

    it('quotes as RFC 4180 says and neutralises formula cells', async () => {
      const bob = (await csv(`?buyer=${names.bob}`)).body as string;
      expect(bob.split('\r\n')[1]).toBe(`${o.o5},2026-01-10T12:00:00.000Z,${names.bob},shipped,1,25.50,Cash,25.50,"'=HYPERLINK(""http://evil.example""), 12 ""Main"" St"`);
      const dave = (await csv(`?buyer=${names.dave}&sort=total_asc`)).body as string;
      expect(dave.split('\r\n')[1]).toMatch(/,'@SUM\(A1\)\tx$/);
    });

    it.each(['date_desc', 'date_asc', 'total_desc', 'total_asc'] as const)(
      'walks the orders in keyset batches (sort %s): every order once, in the list order, ties included',
      async (sort) => {
        // Dave's three orders share one instant, two of them one total: only the id orders those.
        const history = t.app.get(OrderHistoryQuery);
        const inContext = <T>(run: () => Promise<T>) => RequestContext.create(t.app.get(MikroORM).em, run);
        const filters = { from: '', to: '', category: '', sort, status: '' as const, buyer: '' };
        const walk = (size: number) =>
          inContext(async () => {
            const ids: number[] = [];
            for await (const batch of history.csvRows(filters, size)) ids.push(...batch.map((row) => row.id));
            return ids;
          });
        const listed = (await inContext(() => history.rows(filters, {}, { limit: 1000, offset: 0 }))).map((row) => row.id);
        expect(listed.length).toBeGreaterThan(30);
        expect(await walk(2)).toEqual(listed);
        expect(await walk(500)).toEqual(listed);
      },
    );

    it('refuses unreadable filters like the list does, and is for staff only', async () => {
      expect((await staff.get('/admin/orders.csv?from=nope')).status).toBe(422);
      expect((await alice.get('/admin/orders.csv')).status).toBe(403);
      expect((await request(t.server).get('/admin/orders.csv')).status).toBe(303);
    });
  });
});
