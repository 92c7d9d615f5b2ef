/**
 * DATABASE_URL=postgres://… npm run bench:orders -- [N]   (N orders, default 1000000)
 *
 * Makes a fresh database on DATABASE_URL's server (dropped afterwards), lets the built shop
 * create its schema, fills it with N orders (1–3 lines each, 20,000 buyers, 2,000 products in
 * 20 categories, two years of dates) by generate_series in SQL, then runs every order-history
 * query shape — the very statements of src/orders/order-history.sql.ts — and prints, for each,
 * its time (the median of 3 warm runs) and the top nodes of its EXPLAIN ANALYZE plan.
 * Nothing is asserted here; the figures go to docs/architecture.md.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort, startShop } from '../test/support/process';
import { adminQuery, withDatabase } from './bench-database';
import type { OrderFilters, OrderScope } from '../src/orders/order-filters';
import {
  CATEGORIES_SQL,
  csvBatchStatement,
  perDayStatement,
  rowsStatement,
  topProductsStatement,
  totalsStatement,
  type Statement,
} from '../src/orders/order-history.sql';

const N = Number(process.argv[2] ?? 1_000_000);
const BUYERS = 20_000;
const PRODUCTS = 2_000;
const CATEGORIES = 20;
/** Seconds between two orders: N orders span about two years. */
const SPACING_S = Math.max(1, Math.floor((2 * 365 * 86_400) / N));
const SLICE = 100_000;
const TZ = 'UTC';

// The lines of order g: 1 + g % 3 of them, product and quantity from g and the line number k;
// a product's price is a function of its id, so the order's total is the sum of its lines.
const LINE_PRODUCT = `(1 + ((g::bigint * 31 + k * 977) % ${PRODUCTS}))::int`;
const LINE_QUANTITY = `(1 + (g + k) % 3)`;
const PRICE_OF = (product: string) => `(1 + ((${product})::bigint * 7919) % 5000 / 100.0)::numeric(12,2)`;

const FILL_PRODUCTS = `
  insert into products (name, description, category, stock, unit_price)
  select 'Product ' || p, 'Benchmark product', 'Category ' || (p % ${CATEGORIES}), 100, ${PRICE_OF('p')}
    from generate_series(1, ${PRODUCTS}) p`;
const FILL_BUYERS = `
  insert into users (username, email, password)
  select 'buyer' || b, 'buyer' || b || '@example.com', repeat('x', 60) from generate_series(1, ${BUYERS}) b`;
const FILL_ORDERS = `
  insert into orders (id, user_id, created, total_price, address, address_fields, payment_method, money_received,
                      checkout_token, status, shipped_at, delivered_at, cancelled_at)
  select g, first.id + g % ${BUYERS}, t.created, t.total, g || ' High Street, Benchtown', jsonb_build_object('firstName', 'Ada', 'lastName', 'Buyer ' || g,
         'address', g || ' High Street', 'apartment', '', 'city', 'Benchtown', 'state', 'Benchshire', 'country', 'GB', 'zipCode', 'BT1 1AA'),
         (array['Cash','Visa','MasterCard','Amex'])[1 + g % 4], t.total, md5(g::text), s.status,
         case when s.status in ('shipped', 'delivered') then t.created + interval '1 day' end,
         case when s.status = 'delivered' then t.created + interval '3 days' end,
         case when s.status = 'cancelled' then t.created + interval '1 hour' end
    from generate_series($1::int, $2::int) g
   cross join (select min(id) as id from users where username like 'buyer%') first
   cross join lateral (
     select now() - make_interval(secs => (${N} - g)::double precision * ${SPACING_S}) as created,
            (select sum(${LINE_QUANTITY} * ${PRICE_OF(LINE_PRODUCT)}) from generate_series(1, 1 + g % 3) k) as total
   ) t
   cross join lateral (
     select case when g % 20 = 0 then 'cancelled' when g > ${N} - ${N} / 50 then 'placed'
                 when g > ${N} - ${N} / 25 then 'shipped' else 'delivered' end as status
   ) s`;
const FILL_LINES = `
  insert into order_items (order_id, product_id, product_name, quantity, unit_price)
  select g, ${LINE_PRODUCT}, 'Product ' || ${LINE_PRODUCT}, ${LINE_QUANTITY}, ${PRICE_OF(LINE_PRODUCT)}
    from generate_series($1::int, $2::int) g cross join lateral generate_series(1, 1 + g % 3) k`;

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

function filters(over: Partial<OrderFilters> = {}): OrderFilters {
  return { from: '', to: '', category: '', sort: 'date_desc', status: '', buyer: '', ...over };
}

const PAGE = { limit: 10, offset: 0 };

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('bench:orders fills a PostgreSQL server: set DATABASE_URL=postgres://…');
  const dbName = `shop_bench_orders_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl, dbName);
  await adminQuery(serverUrl, `create database "${dbName}"`);
  const sql = new Client({ connectionString: url });
  try {
    // The app makes its schema (migrations at start-up), then stops.
    const env = { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), SEED_DEMO: 'false', DATABASE_URL: url, LOG_LEVEL: 'warn' };
    const shop = await startShop(env, await freePort());
    shop.child.kill('SIGTERM');
    await shop.exited;

    await sql.connect();
    const started = Date.now();
    await sql.query(FILL_PRODUCTS);
    await sql.query(FILL_BUYERS);
    for (let from = 1; from <= N; from += SLICE) {
      const to = Math.min(N, from + SLICE - 1);
      await sql.query(FILL_ORDERS, [from, to]);
      await sql.query(FILL_LINES, [from, to]);
    }
    await sql.query(`select setval(pg_get_serial_sequence('orders', 'id'), ${N})`);
    await sql.query('vacuum analyze'); // as autovacuum would: statistics, and the visibility map for index-only scans
    const [{ lines }] = (await sql.query('select count(*)::int as lines from order_items')).rows;
    console.log(`Filled ${N.toLocaleString('en-US')} orders (${Number(lines).toLocaleString('en-US')} lines) in ${Math.round((Date.now() - started) / 1000)} s.\n`);

    const buyer: OrderScope = { userId: Number((await sql.query(`select id from users where username = 'buyer4242'`)).rows[0].id) };
    const staff: OrderScope = {};
    const month = { from: day(-29), to: day(0) };
    const cat = 'Category 7';
    const counted: OrderScope = { excludeCancelled: true };
    const shapes: [string, Statement][] = [
      ['buyer: list, newest first', rowsStatement(filters(), buyer, TZ, PAGE)],
      ['buyer: totals line', totalsStatement(filters(), buyer, TZ)],
      ['buyer: date range, list', rowsStatement(filters(month), buyer, TZ, PAGE)],
      ['buyer: category, list', rowsStatement(filters({ category: cat }), buyer, TZ, PAGE)],
      ['buyer: category, totals', totalsStatement(filters({ category: cat }), buyer, TZ)],
      ['staff: list, newest first', rowsStatement(filters(), staff, TZ, PAGE)],
      ['staff: list, page 100', rowsStatement(filters(), staff, TZ, { limit: 10, offset: 990 })],
      ['staff: oldest first', rowsStatement(filters({ sort: 'date_asc' }), staff, TZ, PAGE)],
      ['staff: totals line, no filter (all 1M)', totalsStatement(filters(), staff, TZ)],
      ['staff: date range (30 days), list', rowsStatement(filters(month), staff, TZ, PAGE)],
      ['staff: date range, totals', totalsStatement(filters(month), staff, TZ)],
      ['staff: category, list', rowsStatement(filters({ category: cat }), staff, TZ, PAGE)],
      ['staff: category, totals (all matching)', totalsStatement(filters({ category: cat }), staff, TZ)],
      ['staff: category + date, list', rowsStatement(filters({ ...month, category: cat }), staff, TZ, PAGE)],
      ['staff: category + date, totals', totalsStatement(filters({ ...month, category: cat }), staff, TZ)],
      ['staff: status placed, list', rowsStatement(filters({ status: 'placed' }), staff, TZ, PAGE)],
      ['staff: status placed, totals', totalsStatement(filters({ status: 'placed' }), staff, TZ)],
      ['staff: status cancelled + date, totals', totalsStatement(filters({ ...month, status: 'cancelled' }), staff, TZ)],
      ['staff: buyer "er4242", list', rowsStatement(filters({ buyer: 'er4242' }), staff, TZ, PAGE)],
      ['staff: buyer "er4242", totals', totalsStatement(filters({ buyer: 'er4242' }), staff, TZ)],
      ['staff: total desc, list', rowsStatement(filters({ sort: 'total_desc' }), staff, TZ, PAGE)],
      ['staff: total asc, list', rowsStatement(filters({ sort: 'total_asc' }), staff, TZ, PAGE)],
      ['staff: total desc + date, list', rowsStatement(filters({ ...month, sort: 'total_desc' }), staff, TZ, PAGE)],
      ['CSV: first batch (500)', csvBatchStatement(filters(), TZ, undefined, 500)],
      ['CSV: batch after order N/2', csvBatchStatement(filters(), TZ, Math.floor(N / 2), 500)],
      ['CSV: total asc, batch after N/2', csvBatchStatement(filters({ sort: 'total_asc' }), TZ, Math.floor(N / 2), 500)],
      ['CSV: category, batch after N/2', csvBatchStatement(filters({ category: cat }), TZ, Math.floor(N / 2), 500)],
      ['dashboard: today', totalsStatement(filters({ from: day(0), to: day(0) }), counted, TZ)],
      ['dashboard: last 7 days', totalsStatement(filters({ from: day(-6), to: day(0) }), counted, TZ)],
      ['dashboard: last 30 days', totalsStatement(filters(month), counted, TZ)],
      ['dashboard: revenue per day, 30 days', perDayStatement(filters(month), counted, TZ)],
      ['dashboard: top 5 products, 30 days', topProductsStatement(filters(month), counted, TZ, 5)],
      ['filter: categories offered', { sql: CATEGORIES_SQL, params: [] }],
    ];
    for (const [label, statement] of shapes) {
      const text = numbered(statement.sql);
      const times: number[] = [];
      for (let run = 0; run < 4; run++) {
        const t0 = performance.now();
        await sql.query(text, statement.params);
        if (run > 0) times.push(performance.now() - t0); // the first run warms the cache
      }
      const ms = times.sort((a, b) => a - b)[1];
      const plan = (await sql.query(`explain (analyze, costs off) ${text}`, statement.params)).rows.map((row) => String(row['QUERY PLAN']));
      console.log(`${label.padEnd(42)} ${ms.toFixed(1).padStart(8)} ms`);
      console.log(`  ${topNodes(plan).join('\n  ')}\n`);
    }
  } finally {
    await sql.end().catch(() => undefined);
    // BENCH_KEEP_DATABASE=1 keeps the filled database to try query shapes on (drop it yourself).
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Kept database ${dbName}.`);
    else await adminQuery(serverUrl, `drop database if exists "${dbName}" with (force)`);
  }
}

/** `?` placeholders (knex style, as the app sends them) → `$1, $2, …` for pg. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The plan's node lines (no Filter/Cond details), trimmed, the first few levels only. */
function topNodes(plan: string[]): string[] {
  const nodes = plan.filter((line) => /->|^\S/.test(line) && !/^(Planning|Execution) Time/.test(line.trim()));
  return nodes.slice(0, 7).map((line) => line.replace(/actual time=[\d.]+\.\.[\d.]+ /, '').trimEnd());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
