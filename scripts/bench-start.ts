/**
 * npm run bench:start -- [rounds]   (default 3)
 *
 * Times `npm start` to the first 200 of /healthz, as a person runs it (the build check
 * included), on the embedded database: on a fresh, empty DATA_DIR (PGlite's files, migrations,
 * first admin, demo catalog with pictures) and again on that same directory (warm). Each figure
 * is the median of the rounds, with the CPU seconds the whole process tree used until then
 * (Linux /proc): on a shared, busy machine the wall time swings with the neighbours, the CPU
 * time much less. A bare `node -e 0` is timed alongside as the machine's yardstick, and the
 * start-up log's timestamps split the fresh start into its phases. BENCH_START_COMMAND times
 * another command instead (e.g. `node dist/src/main.js`, or an older build to compare with).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFromRoot } from '../src/common/paths';
import { freePort } from '../test/support/process';

const ROUNDS = Number(process.argv[2] ?? 3);
const TIMEOUT_MS = 180_000;
const COMMAND = (process.env.BENCH_START_COMMAND ?? 'npm start --silent').split(' ');

interface StartRun {
  wallS: number;
  cpuS: number | undefined;
  /** Seconds from the spawn to each milestone's log line. */
  phases: Record<string, number>;
}

const MILESTONES: [string, RegExp][] = [
  ['database open', /Embedded PostgreSQL ready/],
  ['migrations applied', /^Applied Migration/],
  ['demo catalog filled', /Filled the empty catalog/],
  ['listening', /^The shop is open/],
];

async function main(): Promise<void> {
  const fresh: StartRun[] = [];
  const warm: StartRun[] = [];
  const node: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'shop-bench-start-'));
    try {
      node.push(bareNode());
      fresh.push(await timeStart(dataDir));
      warm.push(await timeStart(dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const line = (label: string, runs: StartRun[], target: number) => {
    const wall = median(runs.map((run) => run.wallS));
    const cpu = runs.every((run) => run.cpuS !== undefined) ? median(runs.map((run) => run.cpuS!)) : undefined;
    const verdict = wall <= target ? 'within' : 'over';
    console.log(`  ${label.padEnd(22)} ${wall.toFixed(2)} s wall (${verdict} the ${target} s target)${cpu === undefined ? '' : `, ${cpu.toFixed(2)} s CPU`}`);
  };
  console.log(`\n${COMMAND.join(' ')} → first 200 of /healthz, embedded PostgreSQL, median of ${ROUNDS}:`);
  line('fresh DATA_DIR', fresh, 6);
  line('existing DATA_DIR', warm, 3);
  console.log(`  ${'bare `node -e 0`'.padEnd(22)} ${median(node).toFixed(2)} s wall (the machine's yardstick)`);
  console.log('\nFresh start, seconds from the spawn to the log line (median; lines logged before the logger is installed show when it was):');
  for (const [name] of MILESTONES) {
    const values = fresh.map((run) => run.phases[name]).filter((value) => value !== undefined);
    if (values.length) console.log(`  ${name.padEnd(22)} ${median(values).toFixed(2)} s`);
  }
}

/** One `npm start`, stopped with SIGTERM once /healthz answers 200. */
async function timeStart(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const started = performance.now();
  const spawnedAt = Date.now();
  const child = spawn(COMMAND[0], COMMAND.slice(1), {
    cwd: resolveFromRoot(),
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      BCRYPT_COST: '12',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    while (performance.now() - started < TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) {
          const wallS = (performance.now() - started) / 1000;
          return { wallS, cpuS: treeCpuSeconds(child.pid!), phases: phasesOf(output, spawnedAt) };
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`npm start did not answer in ${TIMEOUT_MS / 1000} s:\n${output}`);
  } finally {
    // npm does not pass SIGTERM on to the shell and the shop below it: each gets its own,
    // the shop first, which stops gracefully.
    for (const pid of processTree(child.pid!).reverse()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    await exited;
  }
}

function phasesOf(output: string, spawnedAt: number): Record<string, number> {
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { time: string; msg: string });
  const phases: Record<string, number> = {};
  for (const [name, pattern] of MILESTONES) {
    const hit = lines.find((line) => pattern.test(line.msg));
    if (hit) phases[name] = (Date.parse(hit.time) - spawnedAt) / 1000;
  }
  return phases;
}

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

function procStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        // Fields after the command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) }];
      } catch {
        return [];
      }
    });
}

/** A process and its descendants, parents before children (Linux /proc). */
function processTree(rootPid: number, stats = procStats()): number[] {
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) for (const stat of stats) if (stat.ppid === tree[i]) tree.push(stat.pid);
  return tree;
}

/** User + system CPU of a process and all its descendants, finished children included. */
function treeCpuSeconds(rootPid: number): number | undefined {
  try {
    const stats = procStats();
    const tree = new Set(processTree(rootPid, stats));
    return stats.filter((stat) => tree.has(stat.pid)).reduce((sum, stat) => sum + stat.ticks, 0) / 100; // USER_HZ
  } catch {
    return undefined;
  }
}

function bareNode(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
