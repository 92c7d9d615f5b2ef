import cluster, { type Worker } from 'node:cluster';
import type { ValidatedEnv } from './config/env.validation';
import { sessionSecretFor } from './config/session-secret';
import { createRootLogger } from './logging/root-logger';

/** A worker that dies is replaced after this long, doubled for each death in a row, up to the cap. */
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker up this long resets the backoff: it was a crash, not a crash loop. */
const HEALTHY_AFTER_MS = 30_000;
/** A worker still busy this long after SIGTERM is killed, so the primary always ends. */
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * WEB_CONCURRENCY=N: this process (the primary) serves nothing itself; it forks N workers, each
 * a whole shop (main.ts in a worker), sharing the port through node:cluster. The first worker
 * starts alone, so migrations, the first admin and the demo catalog happen once; the others
 * start when it listens and find nothing left to do (the start-up tasks also take an advisory
 * lock, should two ever overlap). Sessions, carts and throttles live in PostgreSQL, so any
 * worker can answer any request. A worker that dies is replaced with a backoff; SIGTERM or
 * SIGINT is passed to every worker, which finishes its requests in flight, and the primary
 * exits when they all have.
 */
export function runPrimary(env: ValidatedEnv): void {
  const logger = createRootLogger({
    level: env.LOG_LEVEL,
    format: env.NODE_ENV === 'development' ? 'pretty' : 'json',
  }).child({ context: 'Cluster' });
  const size = env.WEB_CONCURRENCY;
  const startedAt = new Map<Worker, number>();
  let deathsInARow = 0;
  let stopping = false;
  // Every worker must sign cookies with the same key: without SESSION_SECRET (allowed outside
  // production) the primary settles it once, as a single process would, and hands it to each.
  const workerEnv = { SESSION_SECRET: sessionSecretFor({ sessionSecret: env.SESSION_SECRET, dataDir: env.DATA_DIR }) };

  const fork = () => {
    const worker = cluster.fork(workerEnv);
    startedAt.set(worker, Date.now());
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const upFor = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        logger.info('Stopped: every worker has finished');
        process.exit(0);
      }
      return;
    }
    deathsInARow = upFor >= HEALTHY_AFTER_MS ? 1 : deathsInARow + 1;
    const delay = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (deathsInARow - 1));
    logger.warn(
      { workerPid: worker.process.pid, code, signal },
      `Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}): starting a new one in ${delay} ms`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`Received ${signal}: stopping the ${startedAt.size} workers`);
    if (startedAt.size === 0) process.exit(0);
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.warn('Workers still running after the grace period: killing them');
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  logger.info(`Starting ${size} workers (WEB_CONCURRENCY)`);
  // The rest once the first listens (or its replacement does): its start-up did the one-time work.
  let restStarted = false;
  cluster.on('listening', () => {
    if (restStarted) return;
    restStarted = true;
    for (let i = 1; i < size && !stopping; i++) fork();
  });
  fork();
}
