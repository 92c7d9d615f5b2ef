/**
 * npm run bench:soak -- [minutes]   (default 10; BENCH_CONNECTIONS, default 100)
 *
 * Starts the built shop in production mode with 1,000 products (DATABASE_URL's server in a
 * throw-away database, or the embedded PostgreSQL in a temporary folder), drives a mix of
 * shop pages (plain, searched, by category, sorted, paged, a product's page) with 100
 * connections for the given minutes, and samples the shop process's resident memory (RSS,
 * from /proc) every few seconds. Prints start (after the first minute's warm-up share),
 * peak and end, and whether it stayed flat (within ±10% of the start) and under 250 MB.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startShop, type ShopProcess } from '../test/support/process';
import { adminQuery, withDatabase } from './bench-database';

const MINUTES = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SAMPLE_MS = 5000;
const LIMIT_MB = 250;
const PRODUCTS = 1000;

const PATHS = ['/shop', '/shop?name=mug', '/shop?category=Kitchen', '/shop?sort=price_asc', '/shop?page=7', '/shop?category=Home&sort=price_desc'];

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = serverUrl ? undefined : mkdtempSync(join(tmpdir(), 'shop-bench-soak-'));
  const dbName = `shop_bench_${randomBytes(4).toString('hex')}`;
  const appUrl = serverUrl ? withDatabase(serverUrl, dbName) : undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(appUrl ? { DATABASE_URL: appUrl } : { DATA_DIR: dataDir! }),
  };
  const port = await freePort();
  let shop: ShopProcess | undefined;
  try {
    if (serverUrl) await adminQuery(serverUrl, `create database "${dbName}"`);
    // First start: the shop makes its schema. Then the products, and (embedded) a start again.
    shop = await startShop(env, port, 180_000);
    if (!appUrl) {
      shop.child.kill('SIGTERM');
      await shop.exited;
    }
    await seedProducts(appUrl, dataDir);
    if (!appUrl) shop = await startShop(env, port, 180_000);
    const productId = await firstProductId(port);
    const paths = [...PATHS, `/products/${productId}`];
    console.log(`Soak: ${CONNECTIONS} connections for ${MINUTES} min on ${serverUrl ? 'the PostgreSQL server' : 'the embedded PGlite'}, ${PRODUCTS} products; RSS every ${SAMPLE_MS / 1000} s\n`);

    const samples: { atS: number; rssMb: number }[] = [];
    const started = Date.now();
    const pid = shop.child.pid!;
    const sampler = setInterval(() => {
      const rssMb = rssOf(pid);
      const atS = Math.round((Date.now() - started) / 1000);
      samples.push({ atS, rssMb });
      if (samples.length % 6 === 0) console.log(`  ${String(atS).padStart(5)} s  RSS ${rssMb.toFixed(0)} MB`);
    }, SAMPLE_MS);
    let turn = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: MINUTES * 60,
      requests: [{ setupRequest: (request) => ({ ...request, path: paths[turn++ % paths.length] }) }],
    });
    clearInterval(sampler);

    // The first tenth is warm-up (caches, JIT, pools filling): "start" is the end of it.
    const warm = samples.slice(Math.floor(samples.length / 10));
    const start = warm[0].rssMb;
    const peak = Math.max(...warm.map((sample) => sample.rssMb));
    const end = warm[warm.length - 1].rssMb;
    const low = Math.min(...warm.map((sample) => sample.rssMb));
    const flat = peak <= start * 1.1 && low >= start * 0.9;
    console.log(`\n${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
    console.log(`RSS after warm-up ${start.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, end ${end.toFixed(0)} MB (first sample ${samples[0].rssMb.toFixed(0)} MB)`);
    console.log(`flat within ±10%: ${flat ? 'yes' : 'no'} (${((low / start - 1) * 100).toFixed(1)}% … +${((peak / start - 1) * 100).toFixed(1)}%); under ${LIMIT_MB} MB: ${peak <= LIMIT_MB ? 'yes' : 'no'}`);
  } finally {
    if (shop) {
      shop.child.kill('SIGTERM');
      await shop.exited;
    }
    if (serverUrl) await adminQuery(serverUrl, `drop database if exists "${dbName}" with (force)`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

const SEED_SQL = `
  insert into products (name, description, category, stock, unit_price, visibility)
  select 'Item ' || g || ' ' || (array['Mug','Lamp','Hat','Chair','Pen','Bowl','Kite','Candle'])[1 + g % 8],
         'Soak product number ' || g, (array['Kitchen','Home','Clothing','Stationery','Toys','Outdoor'])[1 + g % 6],
         g % 50, ((g::bigint * 7919) % 100000) / 100.0, true
    from generate_series(1, ${PRODUCTS}) g`;

/** With plain SQL: on the server beside the running shop; the embedded files while it is stopped. */
async function seedProducts(url: string | undefined, dataDir: string | undefined): Promise<void> {
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(SEED_SQL);
    await client.end();
    return;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(join(dataDir!, 'pgdata'), { extensions: { pg_trgm } });
  await db.query(SEED_SQL);
  await db.close();
}

async function firstProductId(port: number): Promise<number> {
  const html = await (await fetch(`http://127.0.0.1:${port}/shop`)).text();
  const id = /href="\/products\/(\d+)"/.exec(html)?.[1];
  if (!id) throw new Error('no product on /shop');
  return Number(id);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
