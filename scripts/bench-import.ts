/**
 * npm run bench:import -- [N]   (rows per file, default 10000: half updates, half new products)
 *
 * Starts the built shop in production mode as its own process (DATABASE_URL's server in a fresh
 * database, or the embedded PostgreSQL in a temporary folder), seeds N/2 products, logs in as
 * the admin, then times what a person waits for: the CSV download of the whole catalog, the
 * import's preview (upload, parse, check every row, keep it server-side) and Apply import
 * (one transaction). Prints the figures; nothing is asserted here.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startShop, type ShopProcess } from '../test/support/process';
import { adminQuery, withDatabase } from './bench-database';

const N = Number(process.argv[2] ?? 10_000);
const HEADER = 'id,name,description,category,stock,unit_price,visible';

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = serverUrl ? undefined : mkdtempSync(join(tmpdir(), 'shop-bench-import-'));
  const dbName = `shop_bench_${randomBytes(4).toString('hex')}`;
  const appUrl = serverUrl ? withDatabase(serverUrl, dbName) : undefined;
  const password = randomBytes(12).toString('hex');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: password,
    BCRYPT_COST: '10',
    TRUST_PROXY: 'loopback',
    ...(appUrl ? { DATABASE_URL: appUrl } : { DATA_DIR: dataDir! }),
  };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let shop: ShopProcess | undefined;
  try {
    if (serverUrl) await adminQuery(serverUrl, `create database "${dbName}"`);
    shop = await startShop(env, port);
    const session = new Session(base);
    await session.logIn('admin', password);

    // Half the file adds products, half updates existing ones (each row changes its stock).
    const seed = [HEADER, ...Array.from({ length: N / 2 }, (_, i) => `,Seed ${i},Benchmark row,Bench,1,9.99,true`)].join('\n');
    const seeded = await timed(() => session.importCsv(seed));
    console.log(`Seeded ${N / 2} products through the import itself: preview ${seeded.preview} ms, apply ${seeded.apply} ms`);

    const download = await timedMs(() => session.text('/admin/products.csv'));
    const exported = download.value.trim().split('\n').slice(1);
    console.log(`Download CSV of ${exported.length} products: ${download.ms} ms`);

    const updates = exported.map((line) => line.replace(/,1,9\.99,true$/, ',2,9.99,true'));
    const adds = Array.from({ length: N - updates.length }, (_, i) => `,New ${i},"A new, quoted product",Bench,5,12.50,false`);
    const file = [HEADER, ...updates, ...adds].join('\n');
    const result = await timed(() => session.importCsv(file));
    console.log(`\nImport of ${N.toLocaleString('en-US')} rows (${updates.length} updates, ${adds.length} adds, ${(file.length / 1024).toFixed(0)} KiB), ${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'}:`);
    console.log(`  preview (upload, parse, check, keep): ${result.preview} ms`);
    console.log(`  Apply import (one transaction):       ${result.apply} ms`);
  } finally {
    if (shop) {
      shop.child.kill('SIGTERM');
      await shop.exited;
    }
    if (serverUrl) await adminQuery(serverUrl, `drop database if exists "${dbName}" with (force)`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timed(run: () => Promise<{ preview: number; apply: number }>) {
  return run();
}

async function timedMs<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - started) };
}

/** A browser-like session: a cookie, and each form's CSRF token read from its page. */
class Session {
  private cookie = '';
  constructor(private readonly base: string) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.base + path, { ...init, redirect: 'manual', headers: {
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

  private async token(path: string): Promise<string> {
    const match = /name="_csrf" value="([^"]+)"/.exec(await this.text(path));
    if (!match) throw new Error(`no form on ${path}`);
    return match[1];
  }

  async logIn(identifier: string, password: string): Promise<void> {
    const body = new URLSearchParams({ _csrf: await this.token('/login'), identifier, password });
    const res = await this.request('/login', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (res.status !== 303) throw new Error(`log-in failed: ${res.status}`);
  }

  async importCsv(csv: string): Promise<{ preview: number; apply: number }> {
    const form = new FormData();
    form.append('_csrf', await this.token('/admin/products/import'));
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
    const preview = await timedMs(() => this.request('/admin/products/import', { method: 'POST', body: form }).then(async (res) => ({ res, html: await res.text() })));
    const id = /action="\/admin\/products\/import\/([0-9a-f]{32})\/apply"/.exec(preview.value.html)?.[1];
    if (preview.value.res.status !== 200 || !id) throw new Error(`preview failed (${preview.value.res.status}): ${preview.value.html.slice(0, 2000)}`);
    const body = new URLSearchParams({ _csrf: await this.token('/admin/products/import') });
    const apply = await timedMs(() =>
      this.request(`/admin/products/import/${id}/apply`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    if (apply.value.status !== 303) throw new Error(`apply failed: ${apply.value.status} ${await apply.value.text()}`);
    return { preview: preview.ms, apply: apply.ms };
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
