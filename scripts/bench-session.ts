/**
 * What the benchmarks share: a browser-like session (its cookie, each form's CSRF token read
 * from its page) and the shop started in production mode on a throw-away database of the
 * PostgreSQL server named by DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { freePort, startShop, type ShopProcess } from '../test/support/process';
import { adminQuery, withDatabase } from './bench-database';

export class Session {
  private cookie = '';
  constructor(private readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: this.cookie,
        // Production cookies are Secure: the shop (trusting loopback) is told the request came over HTTPS.
        'x-forwarded-proto': 'https',
      },
    });
    const set = res.headers.getSetCookie().find((cookie) => cookie.startsWith('shop.sid='));
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  async text(path: string): Promise<string> {
    return (await this.request(path)).text();
  }

  async token(path: string): Promise<string> {
    const match = /name="_csrf" value="([^"]+)"/.exec(await this.text(path));
    if (!match) throw new Error(`no form on ${path}`);
    return match[1];
  }

  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** The log-in form's POST alone (its token read beforehand): 303 when it succeeded. */
  async logInWith(csrf: string, identifier: string, password: string): Promise<Response> {
    const res = await this.postForm('/login', { _csrf: csrf, identifier, password });
    await res.arrayBuffer();
    return res;
  }

  async logIn(identifier: string, password: string): Promise<void> {
    const res = await this.logInWith(await this.token('/login'), identifier, password);
    if (res.status !== 303) throw new Error(`log-in failed: ${res.status}`);
  }
}

export interface BenchShop {
  shop: ShopProcess;
  base: string;
  /** The app's own database on the server. */
  url: string;
  stop(): Promise<void>;
}

/** The built shop in production mode on a new database of DATABASE_URL's server (dropped by stop()). */
export async function startBenchShop(env: Record<string, string> = {}): Promise<BenchShop> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres): this benchmark runs there.');
  const dbName = `shop_bench_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl, dbName);
  await adminQuery(serverUrl, `create database "${dbName}"`);
  const port = await freePort();
  try {
    const shop = await startShop(
      {
        NODE_ENV: 'production',
        SESSION_SECRET: randomBytes(32).toString('hex'),
        SEED_DEMO: 'false',
        ADMIN_PASSWORD: randomBytes(12).toString('hex'),
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        ...env,
      },
      port,
      180_000,
    );
    return {
      shop,
      base: `http://127.0.0.1:${port}`,
      url,
      stop: async () => {
        if (shop.child.exitCode === null) {
          shop.child.kill('SIGTERM');
          await shop.exited;
        }
        await adminQuery(serverUrl, `drop database if exists "${dbName}" with (force)`);
      },
    };
  } catch (error) {
    await adminQuery(serverUrl, `drop database if exists "${dbName}" with (force)`);
    throw error;
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
