// What the side-by-side benchmarks in this folder share: waiting for a server, one autocannon
// round, the median, the shop's environment in production mode, and the seed of N products the
// raw floors (../shared/perf/bench.mjs) are measured on.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

export const SHOP_ENV = { NODE_ENV: 'production', SESSION_SECRET: 'perf-secret-perf-secret-perf-secret', SEED_DEMO: 'false', ADMIN_PASSWORD: 'perf-admin-pass' };

export async function waitFor(url, ms = 120000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try { const r = await fetch(url); if (r.status < 500) return; } catch {}
    await sleep(200);
  }
  throw new Error('no answer from ' + url);
}

export const load = (url, { connections, seconds }) =>
  new Promise((res, rej) => autocannon({ url, connections, duration: seconds, pipelining: 1 }, (e, r) => (e ? rej(e) : res(r))));

export const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** N products as ../shared/perf/bench.mjs seeds them (every tenth hidden), then ANALYZE. */
export async function seedProducts(client, n) {
  await client.query(`INSERT INTO products (name, description, category, stock, unit_price, visibility, created, modified)
    SELECT 'Product ' || g || ' ' || md5(g::text), 'Description of product ' || g, 'Category ' || (g % 12), g % 50, ((g * 7919) % 100000) / 100.0, g % 10 <> 0,
           now() - (g || ' seconds')::interval, now() FROM generate_series(1, $1) g`, [n]);
  await client.query('ANALYZE products');
}
