import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestApp, embeddedOf, type TestApp } from '../support/test-app';
import { ProbeModule } from '../support/probe.module';
import { agent } from '../support/http';
import { signedUp } from '../support/accounts';
import { CartService } from '../../src/cart/cart.service';

describe('foundation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('redirects / to /shop, which renders inside the layout', async () => {
    await request(t.server).get('/').expect(302).expect('Location', '/shop');
    const shop = await request(t.server).get('/shop').expect(200);
    expect(shop.text).toContain('<nav');
    expect(shop.text).toContain('/vendor/htmx/htmx.min.js');
    expect(shop.text).toContain('/vendor/pico/pico.min.css');
    expect(shop.headers.vary).toMatch(/HX-Request/);
  });

  it('serves htmx and Pico from node_modules', async () => {
    await request(t.server).get('/vendor/htmx/htmx.min.js').expect(200).expect('Content-Type', /javascript/);
    await request(t.server).get('/vendor/pico/pico.min.css').expect(200).expect('Content-Type', /css/);
    await request(t.server).get('/static/shop.css').expect(200);
  });

  it('answers /healthz with 200 while the database answers', async () => {
    const res = await request(t.server).get('/healthz').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('shows a friendly 404 page for an unknown URL', async () => {
    const res = await request(t.server).get('/no/such/page').expect(404);
    expect(res.text).toContain('We could not find the page you asked for.');
    expect(res.text).not.toMatch(/Cannot GET|NotFoundException|at \w+ \(/);
  });

  it('shows a 500 page with its request id as the reference and no stack, SQL or class name', async () => {
    const res = await request(t.server).get('/__probe/boom').expect(500);
    expect(res.text).toContain('Something went wrong');
    expect(res.text).toContain(`reference: <code>${res.headers['x-request-id']}</code>`);
    expect(res.text).not.toMatch(/secret_table|SELECT|Error:|at \w+ \(/);
  });

  it('shows a signed-in user the 500 page at once, without reading the navigation\'s badges', async () => {
    const client = agent(t.server);
    await signedUp(client);
    const count = jest.spyOn(t.app.get(CartService), 'count');
    try {
      const res = await client.get('/__probe/boom').expect(500);
      expect(res.text).toContain('Something went wrong');
      expect(count).not.toHaveBeenCalled();
      expect((await client.get('/account')).status).toBe(200); // a page that renders does read it
      expect(count).toHaveBeenCalledTimes(1);
    } finally {
      count.mockRestore();
    }
  });

  it('gives htmx requests the same message as a fragment aimed at the message area', async () => {
    const res = await request(t.server)
      .get('/__probe/boom')
      .set({ 'HX-Request': 'true', 'HX-Request-Type': 'partial' })
      .expect(500);
    expect(res.text).not.toContain('<html');
    expect(res.text).toContain('Something went wrong');
    expect(res.text).toContain(`reference: <code>${res.headers['x-request-id']}</code>`);
    expect(res.headers['hx-retarget']).toBe('#messages');
    // A message among the page's messages, not a second top heading above the page's own.
    expect(res.text).toContain('role="alert"');
    expect(res.text).not.toContain('<h1');
  });

  it('refuses a POST without a CSRF token with a friendly 403', async () => {
    const res = await request(t.server).post('/shop').type('form').send({ a: '1' }).expect(403);
    expect(res.text).toContain('reload the page');
    expect(res.text).not.toMatch(/ForbiddenError|csrf token/i);
  });

  it('answers a body no form sends with a friendly 415 and an oversized one with 413', async () => {
    const bad = await request(t.server).post('/shop').set('Content-Type', 'application/json').send('{"a":');
    expect(bad.status).toBe(415);
    expect(bad.text).toContain('only reads what its own forms send');
    const big = await request(t.server).post('/shop').type('form').send(`a=${'x'.repeat(100_000)}`);
    expect(big.status).toBe(413);
    expect(big.text).toContain('too large');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await request(t.server).get('/shop').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Lax session cookie stored in PostgreSQL', async () => {
    const res = await request(t.server).get('/__probe/session').expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('shop.sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // only in production, behind HTTPS
    const rows = await t.em().getConnection().execute('select count(*)::int as n from "session"');
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('does not start a session for a visitor who only browses', async () => {
    const res = await request(t.server).get('/shop').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers /healthz with 503 once the database stops answering', async () => {
    const doomed = await createTestApp();
    try {
      const embedded = embeddedOf(doomed);
      if (embedded) {
        await embedded.stop();
      } else {
        // On the server: refuse new connections to this test's database and end the open ones.
        const name = new URL(doomed.database.url!).pathname.slice(1);
        const admin = new Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`alter database "${name}" allow_connections false`);
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
        await admin.end();
      }
      const res = await request(doomed.server).get('/healthz').expect(503);
      expect(res.body.status).not.toBe('ok');
    } finally {
      await doomed.close().catch(() => undefined);
    }
  });
});

describe('embedded database', () => {
  it('keeps its data across a restart of the app', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shop-restart-'));
    try {
      const first = await createTestApp({ embeddedDataDir: dataDir });
      await first.em().getConnection().execute(`insert into roles (name, description) values ('survivor', 'kept')`);
      await first.close();

      const second = await createTestApp({ embeddedDataDir: dataDir });
      const rows = await second.em().getConnection().execute(`select description from roles where name = 'survivor'`);
      await second.close();
      expect(rows).toEqual([{ description: 'kept' }]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish (database included) before closing', async () => {
    const t = await createTestApp({ imports: [ProbeModule], listen: true });
    const inFlight = fetch(`${t.baseUrl}/__probe/slow`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = t.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('answer 42');
    await closing;
    await expect(fetch(`${t.baseUrl}/healthz`)).rejects.toThrow();
  });
});

describe('in production', () => {
  it('marks the session cookie Secure and sends HSTS', async () => {
    const t = await createTestApp({ imports: [ProbeModule], env: { NODE_ENV: 'production', BCRYPT_COST: '10' } });
    try {
      // Behind a TLS-terminating proxy on the same machine (trusted: loopback).
      const res = await request(t.server).get('/__probe/session').set('X-Forwarded-Proto', 'https').expect(200);
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('shop.sid='));
      expect(cookie).toMatch(/; Secure/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await t.close();
    }
  });
});
