/**
 * DATABASE_URL=postgres://… npm run bench:checkout -- [buyers] [stock]   (default 100 and 60)
 *
 * N buyers, each signed in with one line of the same product in the cart and the checkout page
 * open (its token and cart signature read), press Place order at the same instant, through the
 * real HTTP pipeline of the built shop on the PostgreSQL server. Prints orders per second and
 * the p99 of the answers, and checks exactness: orders = min(N, stock), stock left = stock -
 * orders, no buyer charged twice. Then the same work as one raw-SQL transaction per buyer
 * (pg, a pool as large as the app's): lock the cart line, lock the product, check the stock,
 * insert the order and its line, decrement the stock, clear the cart. Prints the ratio.
 */
import { readFileSync } from 'node:fs';
import { hash } from 'bcrypt';
import { Pool } from 'pg';
import { SERVER_POOL_MAX } from '../src/database/orm-options';
import { percentile, Session, startBenchShop } from './bench-session';

const BUYERS = Number(process.argv[2] ?? 100);
const STOCK = Number(process.argv[3] ?? 60);
const PASSWORD = 'bench-checkout-password';
const ADDRESS = {
  firstName: 'Ada', lastName: 'Lovelace', address: '12 Analytical Row', apartment: '', city: 'London',
  state: 'Greater London', country: 'United Kingdom', zipCode: 'W1 1AA',
};

interface Burst {
  orders: number;
  seconds: number;
  p99Ms: number;
}

async function main(): Promise<void> {
  // WEB_CONCURRENCY=2 npm run bench:checkout runs the shop with that many workers.
  const bench = await startBenchShop({ BCRYPT_COST: '10', WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1' });
  const pool = new Pool({ connectionString: bench.url, max: SERVER_POOL_MAX });
  try {
    const productId = await seed(pool);
    console.log(`${BUYERS} buyers, one line each of a product with ${STOCK} in stock, PostgreSQL server, ${process.env.WEB_CONCURRENCY ?? 1} worker(s).\n`);

    // Beforehand: every buyer signed in, the checkout page open.
    const buyers: { session: Session; fields: Record<string, string> }[] = [];
    for (let i = 1; i <= BUYERS; i++) {
      const session = new Session(bench.base);
      await session.logIn(`buyer${i}`, PASSWORD);
      const page = await session.text('/checkout');
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
      buyers.push({ session, fields: { _csrf: field('_csrf'), checkoutToken: field('checkoutToken'), expectedCart: field('expectedCart') } });
    }

    // All at once, through the app.
    const latencies: number[] = [];
    const cpuBefore = processCpuMs(bench.shop.child.pid);
    const started = performance.now();
    const statuses = await Promise.all(
      buyers.map(async ({ session, fields }) => {
        const sent = performance.now();
        const res = await session.postForm('/checkout', { ...fields, ...ADDRESS, paymentMethod: 'Visa', amountPaid: '1000' });
        await res.arrayBuffer();
        latencies.push(performance.now() - sent);
        return res.status;
      }),
    );
    const app: Burst = { orders: statuses.filter((status) => status === 303).length, seconds: (performance.now() - started) / 1000, p99Ms: percentile(latencies, 99) };
    const cpuMs = processCpuMs(bench.shop.child.pid) - cpuBefore;
    await checkExact(pool, productId, app.orders, 'app');
    const others = [...new Set(statuses.filter((status) => status !== 303))];
    console.log(`app:     ${rate(app)}   (${app.orders} orders; the others answered ${others.join(', ') || '-'})`);
    // Against the burst's length: near 100% means the process's CPU bounds it, far below means waits (locks, round trips).
    console.log(`         the app process's CPU over the burst: ${cpuMs} ms (${((100 * cpuMs) / (app.seconds * 1000)).toFixed(0)}% of it; ${(cpuMs / BUYERS).toFixed(1)} ms per buyer)`);

    // The same again in raw SQL, on fresh carts and stock.
    await resetCarts(pool, productId);
    const raw = await rawBurst(pool);
    await checkExact(pool, productId, raw.orders, 'raw SQL');
    console.log(`raw SQL: ${rate(raw)}`);
    const ratio = app.orders / app.seconds / (raw.orders / raw.seconds);
    console.log(`\nratio app / raw SQL: ${ratio.toFixed(2)}× orders per second (target ≥ 0.5×)`);
  } finally {
    await pool.end();
    await bench.stop();
  }
}

/** utime + stime of a process, from /proc (Linux); the primary's only when WEB_CONCURRENCY > 1. */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
}

/** Linux's USER_HZ: /proc's times are in these ticks on every common kernel. */
const CLOCK_TICKS = 100;

function rate(burst: Burst): string {
  return `${(burst.orders / burst.seconds).toFixed(0).padStart(5)} orders/s, burst ${(burst.seconds * 1000).toFixed(0)} ms, p99 ${burst.p99Ms.toFixed(0)} ms`;
}

/** N buyers (one hash for all: the benchmark is about checkout), one product, one cart line each. */
async function seed(pool: Pool): Promise<number> {
  const passwordHash = await hash(PASSWORD, 10);
  await pool.query(
    `insert into users (username, email, password) select 'buyer' || g, 'buyer' || g || '@example.com', $1 from generate_series(1, $2::int) g`,
    [passwordHash, BUYERS],
  );
  const product = await pool.query<{ id: number }>(
    `insert into products (name, category, stock, unit_price) values ('Bench mug', 'Kitchen', $1, 9.99) returning id`,
    [STOCK],
  );
  const productId = product.rows[0].id;
  await resetCarts(pool, productId);
  return productId;
}

async function resetCarts(pool: Pool, productId: number): Promise<void> {
  await pool.query(`delete from order_items; delete from orders; delete from cart`);
  await pool.query(`update products set stock = $2 where id = $1`, [productId, STOCK]);
  await pool.query(
    `insert into cart (product_id, user_id, desired_quantity, unit_price) select $1, id, 1, 9.99 from users where username like 'buyer%'`,
    [productId],
  );
}

async function checkExact(pool: Pool, productId: number, answered: number, label: string): Promise<void> {
  const { rows } = await pool.query<{ orders: number; buyers: number; stock: number }>(
    `select (select count(*)::int from orders) as orders, (select count(distinct user_id)::int from orders) as buyers,
            (select stock from products where id = $1) as stock`,
    [productId],
  );
  const expected = Math.min(BUYERS, STOCK);
  const { orders, buyers, stock } = rows[0];
  if (orders !== expected || buyers !== expected || answered !== expected || stock !== STOCK - expected) {
    throw new Error(`${label}: not exact: ${orders} orders by ${buyers} buyers (${answered} answered as placed), stock ${stock}; expected ${expected} and ${STOCK - expected}`);
  }
}

/** One transaction per buyer, as the checkout's unit of work does it, all started at once. */
async function rawBurst(pool: Pool): Promise<Burst> {
  const { rows: users } = await pool.query<{ id: number }>(`select id from users where username like 'buyer%' order by id`);
  const latencies: number[] = [];
  const started = performance.now();
  const placed = await Promise.all(
    users.map(async ({ id: userId }, index) => {
      const sent = performance.now();
      const client = await pool.connect();
      try {
        await client.query('begin');
        // The buyer's cart lines, then their products, locked in id order.
        const lines = await client.query<{ id: number; product_id: number; desired_quantity: number }>(
          `select id, product_id, desired_quantity from cart where user_id = $1 order by id for update`,
          [userId],
        );
        const products = await client.query<{ id: number; stock: number; unit_price: string; name: string }>(
          `select id, stock, unit_price, name from products where id = any($1::int[]) order by id for update`,
          [lines.rows.map((line) => line.product_id)],
        );
        const line = lines.rows[0];
        const product = products.rows[0];
        if (product.stock < line.desired_quantity) {
          await client.query('rollback');
          return false;
        }
        const order = await client.query<{ id: number }>(
          `insert into orders (user_id, total_price, address, address_fields, payment_method, money_received, checkout_token)
           values ($1, $2, $3, $4, 'Visa', 1000, $5) returning id`,
          [userId, product.unit_price, ADDRESS.address, JSON.stringify(ADDRESS), `raw-${index}`],
        );
        await client.query(`insert into order_items (order_id, product_id, product_name, quantity, unit_price) values ($1, $2, $3, $4, $5)`, [
          order.rows[0].id, product.id, product.name, line.desired_quantity, product.unit_price,
        ]);
        await client.query(`update products set stock = stock - $2, version = version + 1, modified = now() where id = $1`, [product.id, line.desired_quantity]);
        await client.query(`delete from cart where id = $1`, [line.id]);
        await client.query('commit');
        return true;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { orders: placed.filter(Boolean).length, seconds: (performance.now() - started) / 1000, p99Ms: percentile(latencies, 99) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
