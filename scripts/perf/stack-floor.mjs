// node scripts/perf/stack-floor.mjs [--products N] [--connections C] [--seconds S] [--rounds R]   (after npm run build)
// How close to the raw floor the fixed stack can get at all. The raw floor (../shared/perf/
// raw-shop.mjs: node:http + pg + a light template) against bare-nest-shop.cjs, the same query in
// a Nest 11 + Express app with nothing else, then with the shop's own page, its security headers
// and its access line added one by one; and the shop itself. Same database and rows, rounds in
// turn, autocannon, not pipelined. Prints req/s, the server's CPU per request (/proc, so the
// shared cores' noise matters less) and each one's ratio to the floor. Env: PG as bench-details.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { load as loadRound, median, seedProducts, SHOP_ENV, waitFor } from './perf-kit.mjs';
import pg from 'pg';

const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? Number(process.argv[i + 1]) : d; };
const N = arg('products', 1000), C = arg('connections', 50), S = arg('seconds', 8), R = arg('rounds', 3);
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const FLOOR = fileURLToPath(new URL('../../../shared/perf/raw-shop.mjs', import.meta.url));
const PG = process.env.PG || 'postgres://postgres@127.0.0.1:5432';
const db = `shop_stack_floor_${process.pid}`;
const url = `${PG}/${db}`;
const BARE = 'scripts/perf/bare-nest-shop.cjs';
const SERVERS = [
  { name: 'raw floor', args: [FLOOR] },
  { name: 'Nest + Express, floor page', args: [BARE] },
  { name: '+ the shop\'s page', args: [BARE], env: { FEATURES: 'page' } },
  { name: '+ security headers', args: [BARE], env: { FEATURES: 'page,helmet' } },
  { name: '+ access line', args: [BARE], env: { FEATURES: 'page,helmet,log' } },
  { name: 'the shop', args: ['dist/src/main.js'], env: SHOP_ENV },
];

const kids = [];
process.on('exit', () => { for (const k of kids) { try { k.kill('SIGTERM'); } catch {} } });
function start(server, port) {
  const k = spawn('node', server.args, { cwd: PROJECT, env: { ...process.env, ...server.env, DATABASE_URL: url, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  k.stdout.resume(); // a pipe that is read, as a log shipper would
  kids.push(k);
  return k;
}
const cpuMs = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const load = (u) => loadRound(u, { connections: C, seconds: S });
const med = median;

const admin = new pg.Client({ connectionString: `${PG}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${db}`);
try {
  // The shop first: its migrations make the products table every server reads.
  const procs = SERVERS.map(() => null);
  const shopIndex = SERVERS.length - 1;
  procs[shopIndex] = start(SERVERS[shopIndex], 3920 + shopIndex);
  await waitFor(`http://127.0.0.1:${3920 + shopIndex}/healthz`);
  const c = new pg.Client({ connectionString: url }); await c.connect();
  await seedProducts(c, N); await c.end();
  for (let i = 0; i < shopIndex; i++) procs[i] = start(SERVERS[i], 3920 + i);
  for (let i = 0; i < shopIndex; i++) await waitFor(`http://127.0.0.1:${3920 + i}/shop`);
  const got = SERVERS.map(() => ({ rps: [], cpu: [], p99: [], bad: 0 }));
  for (let i = 0; i < SERVERS.length; i++) await load(`http://127.0.0.1:${3920 + i}/shop`); // warm-up
  for (let r = 0; r < R; r++) {
    for (let i = 0; i < SERVERS.length; i++) {
      const before = cpuMs(procs[i].pid);
      const x = await load(`http://127.0.0.1:${3920 + i}/shop`);
      got[i].cpu.push((cpuMs(procs[i].pid) - before) / x.requests.total);
      got[i].rps.push(x.requests.average); got[i].p99.push(x.latency.p99); got[i].bad += x.non2xx + x.errors;
    }
  }
  const floor = med(got[0].rps);
  console.log(`GET /shop, ${N} products, ${C} connections, ${S} s x ${R} rounds (medians)`);
  SERVERS.forEach((s, i) => console.log(`${s.name.padEnd(28)} ${med(got[i].rps).toFixed(0).padStart(6)} req/s  p99 ${String(med(got[i].p99)).padStart(4)} ms  CPU ${med(got[i].cpu).toFixed(3)} ms/request  ratio ${(med(got[i].rps) / floor).toFixed(2)}  (non-2xx ${got[i].bad})`));
} finally {
  for (const k of kids) { try { k.kill('SIGTERM'); } catch {} }
  await sleep(1000);
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); await admin.end();
}
