/**
 * npm run bench:shop -- [N]   (N products, default 1000; e.g. 1000 and 100000)
 *
 * Seeds N products, starts the built shop in production mode as its own process, drives /shop
 * with autocannon with and without filters, and prints requests/s and p50/p99 latency, plus
 * the EXPLAIN ANALYZE plan of each query behind the lists (pages, capped counts, staff filters). Uses DATABASE_URL's server (a fresh database that is
 * dropped afterwards) or, without it, the embedded PostgreSQL in a temporary folder.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startShop, type ShopProcess } from '../test/support/process';
import { adminQuery, withDatabase } from './bench-database';

const N = Number(process.argv[2] ?? 1000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const SCENARIOS: [string, string][] = [
  ['newest (no filter)', '/shop'],
  ['search "mug"', '/shop?name=mug'],
  ['category', '/shop?category=Kitchen'],
  ['category + price asc', '/shop?category=Kitchen&sort=price_asc'],
  ['price desc', '/shop?sort=price_desc'],
  ['search + category + sort', '/shop?name=lamp&category=Home&sort=price_desc'],
  ['top rated', '/shop?sort=rating_desc'],
  ['top rated, page 100', '/shop?sort=rating_desc&page=100'],
  ['newest, page 50', '/shop?page=50'],
  ['category, page 100', '/shop?category=Kitchen&page=100'],
  ['category + price, page 100', '/shop?category=Kitchen&sort=price_asc&page=100'],
  ['category + top rated, p. 100', '/shop?category=Kitchen&sort=rating_desc&page=100'],
];

/** The queries behind those pages, for EXPLAIN. */
const QUERIES: [string, string][] = [
  ['newest', `select * from products where visibility order by created desc, id desc limit 10`],
  ['search', `select * from products where visibility and lower(name) like '%mug%' order by created desc, id desc limit 10`],
  ['category', `select * from products where visibility and category = 'Kitchen' order by created desc, id desc limit 10`],
  ['price asc', `select * from products where visibility and category = 'Kitchen' order by unit_price asc, id asc limit 10`],
  ['price desc', `select * from products where visibility order by unit_price desc, id desc limit 10`],
  ['top rated', `select * from products where visibility order by average_rating desc nulls last, rating_count desc, id asc limit 10`],
  ['top rated, page 100', `select * from products where visibility order by average_rating desc nulls last, rating_count desc, id asc limit 10 offset 990`],
  // The shop's one statement (ProductsService.listing): version, capped count and the page's rows.
  [
    'shop statement (category, price asc, page 100)',
    `select (select version from catalog_version) as catalog_version, capped.matches, r.*
       from (select count(*)::int as matches from (select 1 from products p where p.visibility and p.category = 'Kitchen' limit 1001) c) capped
       left join lateral (select p.* from products p where p.visibility and p.category = 'Kitchen' order by p.unit_price asc, p.id asc limit 10 offset 990) r on true`,
  ],
  // The pages: the 100th (the last one the links reach), and the capped counts behind "of more than 1,000".
  ['newest, page 100', `select * from products where visibility order by created desc, id desc limit 10 offset 990`],
  ['price asc, page 100', `select * from products where visibility order by unit_price asc, id asc limit 10 offset 990`],
  ['capped count (shop)', `select count(*) from (select 1 from products where visibility limit 1001) capped`],
  ['capped count (category)', `select count(*) from (select 1 from products where visibility and category = 'Kitchen' limit 1001) capped`],
  ['capped count (search)', `select count(*) from (select 1 from products where visibility and lower(name) like '%mug%' limit 1001) capped`],
  // Staff: Stock at most, the navigation's out-of-stock count, and a CSV batch (keyset after a row).
  ['staff max_stock=0', `select * from products where stock <= 0 order by created desc, id desc limit 10`],
  ['staff max_stock=5 + category', `select * from products where stock <= 5 and category = 'Home' order by created desc, id desc limit 10`],
  ['out-of-stock count (nav)', `select count(*)::int as n from products where stock = 0 and visibility`],
  [
    'CSV batch after a row (keyset)',
    `select * from products where (created, id) < (select created, id from products where id = 500000) order by created desc, id desc limit 500`,
  ],
  [
    'categories (skip scan)',
    `with recursive walk as ((select category from products where visibility order by category limit 1) union all
       select (select p.category from products p where p.category > walk.category and visibility order by p.category limit 1)
       from walk where walk.category is not null) select category from walk where category is not null`,
  ],
];

const SEED_SQL = `
  insert into products (name, description, category, stock, unit_price, visibility, created, modified, average_rating, rating_count)
  select 'Item ' || g || ' ' || (array['Mug','Lamp','Hat','Chair','Pen','Bowl','Kite','Candle'])[1 + g % 8],
         'Benchmark product number ' || g,
         (array['Kitchen','Home','Clothing','Stationery','Toys','Outdoor'])[1 + g % 6],
         g % 50,
         ((g::bigint * 7919) % 100000) / 100.0,
         g % 10 <> 0,
         now() - make_interval(secs => g),
         now(),
         -- Two in three rated (1.0000 to 5.0000, up to 40 ratings), the rest unrated: the Top rated sort's mix.
         case when g % 3 = 0 then null else 1 + ((g::bigint * 104729) % 40001) / 10000.0 end,
         case when g % 3 = 0 then 0 else 1 + g % 40 end
    from generate_series($1::int, $2::int) g`;

/** Seeded in slices: no single statement runs for long on a shared server. */
const SEED_SLICE = 100_000;

interface Sql {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = serverUrl ? undefined : mkdtempSync(join(tmpdir(), 'shop-bench-'));
  const dbName = `shop_bench_${randomBytes(4).toString('hex')}`;
  const appUrl = serverUrl ? withDatabase(serverUrl, dbName) : undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    // Not an access line per request into this script's memory (LOG_LEVEL=info measures that too).
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(appUrl ? { DATABASE_URL: appUrl } : { DATA_DIR: dataDir! }),
  };
  const port = await freePort();
  let shop: ShopProcess | undefined;
  try {
    if (serverUrl) await adminQuery(serverUrl, `create database "${dbName}"`);
    // First start: the app makes its schema. Then seed with plain SQL and start it again.
    shop = await startShop(env, port);
    await stop(shop);
    const sql = await openSql(appUrl, dataDir);
    const started = Date.now();
    for (let from = 1; from <= N; from += SEED_SLICE) await sql.query(SEED_SQL, [from, Math.min(N, from + SEED_SLICE - 1)]);
    await sql.query('analyze products');
    console.log(`Seeded ${N.toLocaleString('en-US')} products in ${Date.now() - started} ms (${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'}).\n`);
    for (const [label, query] of QUERIES) {
      const plan = await sql.query(`explain analyze ${query}`);
      const lines = plan.rows.map((row) => String(row['QUERY PLAN']));
      const usesIndex = lines.some((line) => /Index|Bitmap/.test(line));
      console.log(`EXPLAIN ${label}: ${usesIndex ? 'uses an index' : 'NO INDEX'}\n  ${lines.join('\n  ')}\n`);
    }
    await sql.close();

    shop = await startShop(env, port);
    console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per scenario\n`);
    console.log('scenario                     req/s     p50 ms   p99 ms   non-2xx');
    for (const [label, path] of SCENARIOS) {
      const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: DURATION_S });
      console.log(
        `${label.padEnd(28)} ${result.requests.average.toFixed(0).padStart(6)}   ${String(result.latency.p50).padStart(6)}   ${String(result.latency.p99).padStart(6)}   ${result.non2xx}`,
      );
    }
  } finally {
    if (shop) await stop(shop);
    if (serverUrl) await adminQuery(serverUrl, `drop database if exists "${dbName}" with (force)`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stop(shop: ShopProcess): Promise<void> {
  shop.child.kill('SIGTERM');
  await shop.exited;
}

/** A SQL client on the benchmark's database: the server, or the embedded files opened directly. */
async function openSql(url: string | undefined, dataDir: string | undefined): Promise<Sql> {
  if (url) {
    // A connection per statement: a long seed survives another process ending idle sessions.
    const query = async (text: string, values?: unknown[]) => {
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return await client.query(text, values);
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    return { query: (text, values) => query(text, values), close: async () => undefined };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(join(dataDir!, 'pgdata'), { extensions: { pg_trgm } });
  return {
    query: async (text, values) => ({ rows: (await db.query<Record<string, unknown>>(text, values)).rows }),
    close: () => db.close(),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
