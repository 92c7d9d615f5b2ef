import type { EntityManager } from '@mikro-orm/postgresql';
import { agent } from '../support/http';
import { logIn, signedUp } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';
import { SERVER_URL } from '../support/test-database';

/** The part of knex's tarn pool these tests steer: its idle timeout and its reaping cycle. */
interface TarnPool {
  idleTimeoutMillis: number;
  check(): void;
  numFree(): number;
  numUsed(): number;
}
interface PgClientLike {
  end(): Promise<void>;
}

/**
 * On the embedded database every connection lands in PGlite's one session, whose state (named
 * prepared statements: the log-in limiter's `rlflx-upsert`) outlives a connection. Log-in
 * must keep working after the pool drops an idle connection, or after any connection is lost.
 */
describe('log-in after the database connection idles or drops', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const knexClient = () =>
    (t.orm.em as EntityManager).getConnection().getKnex().client as unknown as {
      pool: TarnPool;
      acquireConnection(): Promise<PgClientLike>;
      releaseConnection(connection: PgClientLike): Promise<void>;
    };

  it('logs in again after idling past the pool idle timeout', async () => {
    const account = await signedUp(agent(t.server));
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(303);

    // Idle past a timeout shortened to 1 ms, then run one reaping cycle of the pool.
    const pool = knexClient().pool;
    const idleTimeout = pool.idleTimeoutMillis;
    pool.idleTimeoutMillis = 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, 10));
      pool.check();
      // The embedded database's one connection is never reaped (on a server, it may be).
      if (!SERVER_URL) expect(pool.numFree()).toBe(1);
    } finally {
      pool.idleTimeoutMillis = idleTimeout;
    }

    const again = await logIn(agent(t.server), account.username, account.password);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/account');
  });

  it('logs in again after the connection is lost and a new one opens', async () => {
    const account = await signedUp(agent(t.server));
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(303);

    // Every connection of the pool ends (a network blip, a restarted proxy); the pool notices
    // on the next checkout and opens a new one.
    const client = knexClient();
    const connection = await client.acquireConnection();
    await connection.end();
    await client.releaseConnection(connection);

    const again = await logIn(agent(t.server), account.username, account.password);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/account');
    // The session store works on the new connection too: the new session opens /account.
    const client2 = agent(t.server);
    await logIn(client2, account.username, account.password);
    expect((await client2.get('/account')).text).toContain(`Welcome, ${account.username}`);
  });
});
