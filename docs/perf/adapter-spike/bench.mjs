// A B A B measurement of the two apps: warm-up, then ROUNDS rounds of autocannon per app.
// CPU per request = delta(utime+stime) from /proc/<pid>/stat (clock ticks, 10 ms) / requests.
import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

const HERE = new URL('.', import.meta.url).pathname;  // this folder; logs and results go to /tmp

const DRY = process.argv.includes('--dry');           // a handful of requests, to test the script
const ROUNDS = DRY ? 1 : 3;
const DURATION = 8, CONNECTIONS = 50;
const TICK_MS = 1000 / 100;                              // getconf CLK_TCK = 100
const apps = [
  { name: 'express', main: 'dist/express-main.js', port: 3101 },
  { name: 'fastify', main: 'dist/fastify-main.js', port: 3102 },
];

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
  return Number(f[11]) + Number(f[12]);                       // fields 14 utime, 15 stime
}

async function start(app) {
  const out = openSync(`/tmp/adapter-spike-${app.name}.out`, 'w');
  const child = spawn(process.execPath, [app.main], {
    cwd: HERE, stdio: ['ignore', out, out],
    env: { ...process.env, NODE_ENV: 'production', PORT: String(app.port), LOG_FILE: `/tmp/adapter-spike-${app.name}.log` },
  });
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(`http://127.0.0.1:${app.port}/shop`)).ok) return child; } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${app.name} did not start`);
}

function load(app, opts) {
  return autocannon({ url: `http://127.0.0.1:${app.port}/shop`, connections: CONNECTIONS, pipelining: 1, ...opts });
}

async function round(app, label) {
  const before = cpuTicks(app.child.pid);
  const r = await load(app, DRY ? { connections: 1, amount: 5 } : { duration: DURATION });
  const ticks = cpuTicks(app.child.pid) - before;
  const requests = r.requests.total;
  const row = {
    app: app.name, round: label, requests, reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99,
    non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, cpuTicks: ticks, cpuMsPerReq: (ticks * TICK_MS) / requests,
  };
  console.log(JSON.stringify(row));
  return row;
}

const results = [];
for (const app of apps) app.child = await start(app);
for (const app of apps) await round(app, 'warmup');               // warm-up, not recorded
for (let i = 1; i <= ROUNDS; i++) for (const app of apps) results.push(await round(app, i));
for (const app of apps) app.child.kill('SIGTERM');
writeFileSync(DRY ? '/tmp/adapter-spike-results.dry.json' : '/tmp/adapter-spike-results.json', JSON.stringify(results, null, 2));
