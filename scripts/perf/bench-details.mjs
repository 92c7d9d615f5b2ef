// npm run bench:details -- [--products N] [--connections C] [--seconds S] [--rounds R]
// Side by side, like ../shared/perf/bench.mjs for the shop: the project's /products/:id against
// the raw floor (raw-details.mjs), same database, same rows, A B A B rounds, autocannon,
// non-pipelined. Prints req/s, p50, p99 and the ratio. Env: PG (server URL without database,
// default postgres://postgres@127.0.0.1:5432), PROJECT_START (default node dist/src/main.js).
import { spawn, execSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { load as loadRound, median, seedProducts, SHOP_ENV, waitFor } from './perf-kit.mjs';
import pg from 'pg';

const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? Number(process.argv[i + 1]) : d; };
const N = arg('products', 1000), C = arg('connections', 50), S = arg('seconds', 8), R = arg('rounds', 3);
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const PG = process.env.PG || 'postgres://postgres@127.0.0.1:5432';
const db = `shop_details_${process.pid}`;
const url = `${PG}/${db}`;
const kids = [];
const stop = () => { for (const k of kids) { try { k.kill('SIGTERM'); } catch {} } };
process.on('exit', stop);

function run(cmd, args, env, name) {
  const k = spawn(cmd, args, { cwd: PROJECT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = ''; k.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  k.on('exit', (c) => { if (c) console.error(`${name} exited ${c}\n${log}`); });
  kids.push(k); return k;
}
const load = (u) => loadRound(u, { connections: C, seconds: S });
const med = median;

const admin = new pg.Client({ connectionString: `${PG}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${db}`);
try {
  const [cmd, ...args] = (process.env.PROJECT_START || 'node dist/src/main.js').split(' ');
  run(cmd, args, { ...SHOP_ENV, DATABASE_URL: url, PORT: '3903' }, 'project');
  await waitFor('http://127.0.0.1:3903/healthz');
  const c = new pg.Client({ connectionString: url }); await c.connect();
  await seedProducts(c, N); await c.end();
  run('node', [fileURLToPath(new URL('./raw-details.mjs', import.meta.url))], { DATABASE_URL: url, PORT: '3902' }, 'raw');
  await waitFor('http://127.0.0.1:3902/products/1');
  // Two visible products (every tenth one is hidden, and the seed's out-of-stock ones are among those).
  const cases = { 'product 7': '/products/7', 'product 523': '/products/523' };
  for (const [label, path] of Object.entries(cases)) {
    const got = { project: [], raw: [] }, p50 = { project: [], raw: [] }, p99 = { project: [], raw: [] }, bad = { project: 0, raw: 0 };
    await load(`http://127.0.0.1:3903${path}`); await load(`http://127.0.0.1:3902${path}`); // warm-up
    for (let r = 0; r < R; r++) for (const [who, port] of [['project', 3903], ['raw', 3902]]) {
      const x = await load(`http://127.0.0.1:${port}${path}`);
      got[who].push(x.requests.average); p50[who].push(x.latency.p50); p99[who].push(x.latency.p99); bad[who] += x.non2xx + x.errors;
    }
    console.log(`${label.padEnd(14)} project ${med(got.project).toFixed(0)} req/s p50 ${med(p50.project)} ms p99 ${med(p99.project)} ms (non-2xx ${bad.project}) | raw ${med(got.raw).toFixed(0)} req/s p50 ${med(p50.raw)} p99 ${med(p99.raw)} (non-2xx ${bad.raw}) | ratio ${(med(got.project) / med(got.raw)).toFixed(2)}`);
  }
  const rss = execSync(`ps -o rss= -p ${kids[0].pid}`).toString().trim();
  console.log(`products ${N}, connections ${C}, ${S}s x ${R} rounds; project RSS ${Math.round(rss / 1024)} MB; load ${execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ')}`);
} finally {
  stop(); await sleep(1000);
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); await admin.end();
}
