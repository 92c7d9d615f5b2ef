/**
 * DATABASE_URL=postgres://… npm run bench:login   (BENCH_SECONDS per phase, default 10;
 *                                                  BCRYPT_COST, default 12; BENCH_CONNECTIONS for the storm, default 8)
 *
 * 1. The bcrypt bound: one hash compare at the configured cost, timed here (median of a few),
 *    gives cores ÷ that time log-ins per second at most.
 * 2. A log-in storm: BENCH_CONNECTIONS browsers, each opening /login and posting it (right
 *    password) again and again, through the built shop on the server. Log-ins per second and
 *    their ratio to the bound (target ≥ 0.9×).
 * 3. The shop page's p99 with nothing else running, then while the storm runs (autocannon, 10
 *    connections); their ratio (target ≤ 2×: hashing never blocks the event loop).
 */
import autocannon from 'autocannon';
import { compare, hash } from 'bcrypt';
import { availableParallelism } from 'node:os';
import { Pool } from 'pg';
import { percentile, Session, startBenchShop } from './bench-session';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COST = Number(process.env.BCRYPT_COST ?? 12);
const STORM = Number(process.env.BENCH_CONNECTIONS ?? 8);
const USERS = 50;
const PASSWORD = 'bench-login-password';

async function main(): Promise<void> {
  const bench = await startBenchShop({ BCRYPT_COST: String(COST), LOGIN_FAILS_PER_IP: '100000' });
  try {
    const passwordHash = await hash(PASSWORD, COST);
    const pool = new Pool({ connectionString: bench.url, max: 1 });
    await pool.query(
      `insert into users (username, email, password) select 'shopper' || g, 'shopper' || g || '@example.com', $1 from generate_series(1, $2::int) g`,
      [passwordHash, USERS],
    );
    await pool.end();

    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      await compare(PASSWORD, passwordHash);
      times.push(performance.now() - started);
    }
    const hashMs = percentile(times, 50);
    const cores = availableParallelism();
    const bound = (cores * 1000) / hashMs;
    console.log(`bcrypt cost ${COST}: one compare ${hashMs.toFixed(0)} ms here; bound ${cores} cores ÷ that = ${bound.toFixed(1)} log-ins/s\n`);

    const idle = await shopP99(bench.base);
    // The storm alone first (its rate), then the shop page measured while it goes on.
    const storm = startStorm(bench.base);
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const logins = storm.snapshot();
    const busy = await shopP99(bench.base);
    await storm.stop();
    const perSecond = logins.count / logins.seconds;
    console.log(`log-in storm (${STORM} browsers, alone): ${perSecond.toFixed(1)} log-ins/s, p99 ${logins.p99Ms.toFixed(0)} ms, ${logins.failed} failed`);
    console.log(`  ratio to the bcrypt bound: ${(perSecond / bound).toFixed(2)}× (target ≥ 0.9×)`);
    console.log(`/shop p99 idle ${idle} ms, during the storm ${busy} ms: ${(busy / idle).toFixed(2)}× (target ≤ 2×)`);
  } finally {
    await bench.stop();
  }
}

async function shopP99(base: string): Promise<number> {
  const result = await autocannon({ url: `${base}/shop`, connections: 10, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`/shop answered ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.latency.p99;
}

/** Log-ins over and over until stopped; a new session each time, as a new browser would be. */
function startStorm(base: string) {
  let running = true;
  let count = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const browsers = Array.from({ length: STORM }, async (_, index) => {
    for (let round = 0; running; round++) {
      const session = new Session(base);
      const csrf = await session.token('/login');
      const sent = performance.now();
      const res = await session.logInWith(csrf, `shopper${1 + ((index * 7 + round) % USERS)}`, PASSWORD);
      latencies.push(performance.now() - sent);
      if (res.status === 303) count++;
      else failed++;
    }
  });
  return {
    snapshot: () => ({ count, failed, seconds: (performance.now() - started) / 1000, p99Ms: percentile(latencies, 99) }),
    async stop() {
      running = false;
      await Promise.all(browsers);
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
