import http from 'node:http';
import { agent, csrfFrom } from '../support/http';
import { signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { createTestApp, type TestApp } from '../support/test-app';
import { SessionStore } from '../../src/database/session-store';

/**
 * A browser follows a 303 as soon as its headers arrive. The flash message the next page shows
 * must therefore be stored before the headers go out, not while the body is still being sent.
 */
describe('a redirect after a POST', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(() => t?.close());

  it('has stored the session (with its flash message) by the time its headers arrive', async () => {
    const client = agent(t.server);
    await signedUp(client);
    const id = await insertProduct(t.em(), { name: 'Flash Race' });
    const page = await client.get(`/products/${id}`);
    const cookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('shop.sid='))!.split(';')[0];
    const sid = decodeURIComponent(cookie.slice('shop.sid='.length)).replace(/^s:/, '').replace(/\.[^.]*$/, '');
    const body = new URLSearchParams({ _csrf: csrfFrom(page.text), productId: String(id), quantity: '1', returnTo: `/products/${id}` }).toString();

    // Note when the session store finishes saving, and when the client sees the headers.
    const events: string[] = [];
    type SetFn = (sessionId: string, session: unknown, callback: (error?: unknown) => void) => void;
    const store = t.app.get(SessionStore).store as unknown as { set: SetFn };
    const originalSet = store.set.bind(store);
    store.set = (sessionId, session, callback) =>
      originalSet(sessionId, session, (error?: unknown) => {
        events.push('saved');
        callback(error);
      });

    const flashAtHeaders = await new Promise<unknown>((resolve, reject) => {
      const request = http.request(
        `${t.baseUrl}/cart/items`,
        { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          // Headers are here: look at the stored session before the body is read.
          events.push('headers');
          expect(response.statusCode).toBe(303);
          t.em()
            .getConnection()
            .execute(`select sess::jsonb -> 'flash' as flash from "session" where sid = ?`, [sid])
            .then((rows) => {
              response.resume();
              resolve(rows[0]?.flash);
            }, reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    store.set = originalSet;
    expect(events[0]).toBe('saved');
    expect(flashAtHeaders).toEqual([{ kind: 'success', text: 'Added 1 × Flash Race to your cart.' }]);
  });

  it('writes the session once for a redirect after a POST, and still touches it on a later page', async () => {
    const client = agent(t.server);
    await signedUp(client);
    const id = await insertProduct(t.em(), { name: 'One Write' });
    const page = await client.get(`/products/${id}`);

    // Every statement the session store sends, by its first word (INSERT … ON CONFLICT saves, UPDATE touches).
    type QueryFn = (sql: string, params: unknown[], callback?: unknown) => unknown;
    const store = t.app.get(SessionStore).store as unknown as { query: QueryFn };
    const originalQuery = store.query.bind(store);
    const statements: string[] = [];
    store.query = (sql, params, callback) => {
      statements.push(sql.trim().split(/\s+/)[0].toUpperCase());
      return originalQuery(sql, params, callback);
    };
    try {
      const added = await client
        .post('/cart/items')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), productId: String(id), quantity: '1', returnTo: `/products/${id}` });
      expect(added.status).toBe(303);
      expect(statements.filter((word) => word !== 'SELECT')).toEqual(['INSERT']);

      expect((await client.get('/cart')).status).toBe(200); // shows the flash message: a save
      statements.length = 0;
      expect((await client.get('/cart')).status).toBe(200);
      expect(statements.filter((word) => word !== 'SELECT')).toEqual(['UPDATE']);
    } finally {
      store.query = originalQuery;
    }
  });
});
