import { centsToDecimal } from '../../src/common/money';
import { agent, type Agent } from '../support/http';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { ManualClock } from '../support/manual-clock';
import { insertOrder } from '../support/orders';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The owner's dashboard against a known set of orders, in a shop whose days are Tokyo's
 * (UTC+9): the clock stands at 23:30 on 15 March there, so 14 March 15:00 UTC is already today.
 */
describe('dashboard', () => {
  let t: TestApp;
  let staff: Agent;
  let buyer: string;
  const clock = new ManualClock(new Date('2026-03-15T14:30:00Z'));
  const products: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SHOP_TIMEZONE: 'Asia/Tokyo' } });
    staff = (await signedInWithRole(t.server, t.em(), 'shop_owner')).client;
    buyer = (await signedUp(agent(t.server), 'buyer')).username;
  });
  afterAll(() => t?.close());

  const figures = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th><td>([\d,]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [
        m[2],
        { url: m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='), orders: Number(m[3]), revenue: m[4] },
      ]),
    );

  it('says "No sales yet" in a shop without orders, with every day at zero', async () => {
    const res = await staff.get('/admin').expect(200);
    expect(res.text).toContain('No sales yet');
    expect(figures(res.text)['Last 30 days']).toMatchObject({ orders: 0, revenue: '$0.00' });
    expect(res.text.match(/<tr><th scope="row">2026-\d\d-\d\d<\/th><td>0<\/td><td>\$0\.00<\/td><\/tr>/g)).toHaveLength(30);
  });

  it('is for staff only and linked from the staff navigation', async () => {
    const shopper = agent(t.server);
    await signedUp(shopper, 'shopper');
    expect((await shopper.get('/admin')).status).toBe(403);
    expect((await shopper.get('/account')).text).not.toContain('href="/admin"');
    expect((await staff.get('/account')).text).toContain('<a href="/admin">Dashboard</a>');
  });

  describe('with a known set of orders', () => {
    beforeAll(async () => {
      const em = t.em();
      for (const name of ['Alpha', 'Beta', 'Gamma']) products[name] = await insertProduct(em, { name: `${name} Lamp`, stock: 50 });
      await insertProduct(em, { name: 'Sold-out Shade', stock: 0 });
      await insertProduct(em, { name: 'Hidden Sold-out', stock: 0, visible: false });
      const order = (created: string, product: string, quantity: number, price: string, status?: 'shipped' | 'delivered' | 'cancelled') =>
        insertOrder(em, { username: buyer, created, status, lines: [{ productId: products[product], quantity, price }] });
      await order('2026-03-15T14:00:00Z', 'Alpha', 1, '10.00'); // today 23:00
      await order('2026-03-14T15:00:00Z', 'Beta', 2, '10.00', 'shipped'); // today 00:00
      await order('2026-03-14T14:59:00Z', 'Alpha', 3, '10.00'); // 14 March 23:59
      await order('2026-03-10T00:00:00Z', 'Alpha', 10, '10.00', 'cancelled'); // left out
      await order('2026-03-09T00:00:00Z', 'Gamma', 1, '5.00'); // first of the last 7 days
      await order('2026-03-08T14:00:00Z', 'Beta', 4, '10.00', 'delivered'); // 8 March 23:00
      await order('2026-02-14T00:00:00Z', 'Gamma', 1, '7.00'); // first of the last 30 days
      await order('2026-02-13T14:00:00Z', 'Alpha', 100, '10.00'); // 13 February 23:00: outside
    });

    it('counts orders and revenue today, in 7 and in 30 days, without the cancelled', async () => {
      const res = await staff.get('/admin').expect(200);
      expect(res.text).not.toContain('No sales yet');
      expect(figures(res.text)).toEqual({
        Today: { url: '/admin/orders?from=2026-03-15&to=2026-03-15', orders: 2, revenue: '$30.00' },
        'Last 7 days': { url: '/admin/orders?from=2026-03-09&to=2026-03-15', orders: 4, revenue: '$65.00' },
        'Last 30 days': { url: '/admin/orders?from=2026-02-14&to=2026-03-15', orders: 6, revenue: '$112.00' },
      });
      expect(res.text).toContain('<strong id="average-order">$18.67</strong>');
    });

    it('agrees with /admin/orders for the same days, less the cancelled', async () => {
      const page = figures((await staff.get('/admin')).text);
      for (const period of Object.values(page)) {
        let orders = 0;
        let cents = 0;
        for (const status of ['placed', 'shipped', 'delivered']) {
          const list = (await staff.get(`${period.url}&status=${status}`).expect(200)).text;
          orders += Number(/<strong>(\d+) orders?<\/strong>/.exec(list)![1]);
          cents += Number(/Total \$([\d,]+\.\d\d)/.exec(list)![1].replace(/[,.]/g, ''));
        }
        expect(orders).toBe(period.orders);
        expect(`$${centsToDecimal(cents)}`).toBe(period.revenue);
      }
    });

    it('lists the best sellers of 30 days by units and counts what is out of stock', async () => {
      const res = await staff.get('/admin').expect(200);
      const top = [...res.text.matchAll(/<li><a href="\/products\/(\d+)">([^<]+)<\/a>: (\d+) sold<\/li>/g)].map((m) => [m[2], Number(m[3])]);
      expect(top).toEqual([['Beta Lamp', 6], ['Alpha Lamp', 4], ['Gamma Lamp', 2]]);
      expect(res.text).toMatch(/<a href="\/admin\/products\?max_stock=0" id="out-of-stock">2 products<\/a>/);
    });

    it('draws revenue per day as server-side SVG with the same figures in a table, empty days zero', async () => {
      const res = await staff.get('/admin').expect(200);
      const rows = [...res.text.matchAll(/<tr><th scope="row">(2026-\d\d-\d\d)<\/th><td>(\d+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[3]]);
      expect(rows).toHaveLength(30);
      expect(rows[0]).toEqual(['2026-02-14', '$7.00']);
      expect(rows[29]).toEqual(['2026-03-15', '$30.00']);
      const byDay = Object.fromEntries(rows);
      expect(byDay).toMatchObject({ '2026-03-14': '$30.00', '2026-03-10': '$0.00', '2026-03-09': '$5.00', '2026-03-08': '$40.00', '2026-03-01': '$0.00' });
      const bars = [...res.text.matchAll(/<rect [^>]*height="([\d.]+)"[^>]*><title>([^<]+)<\/title><\/rect>/g)];
      expect(bars).toHaveLength(30);
      expect(bars.map((bar) => bar[2])).toContain('2026-03-08: $40.00');
      // The tallest bar is the best day; an empty day draws nothing.
      expect(bars.find((bar) => bar[2] === '2026-03-08: $40.00')![1]).toBe('180');
      expect(bars.find((bar) => bar[2] === '2026-03-10: $0.00')![1]).toBe('0');
      expect(res.text).toContain('the best day 2026-03-08 with $40.00');
      // No chart script and no inline style: the strict CSP stays as it is.
      expect(res.text).not.toMatch(/style="|<script(?! src="\/(vendor|static)\/)/);
      expect(res.headers['content-security-policy']).toContain("style-src 'self'");
    });

    it('moves to the next day at midnight shop time', async () => {
      clock.set(new Date('2026-03-15T15:00:00Z')); // 16 March 00:00 in Tokyo
      try {
        const page = figures((await staff.get('/admin')).text);
        expect(page.Today).toMatchObject({ orders: 0, revenue: '$0.00' });
        expect(page['Last 7 days']).toMatchObject({ orders: 3, revenue: '$60.00' });
      } finally {
        clock.set(new Date('2026-03-15T14:30:00Z'));
      }
    });
  });
});
