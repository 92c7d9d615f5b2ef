import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { freePort, MAIN_JS, startShop, type ShopProcess } from '../support/process';
import { createTestDatabase, SERVER_URL } from '../support/test-database';

/** The JSON log lines printed so far (production logs one object a line). */
function logLines(shop: ShopProcess): { pid?: number; msg?: string; context?: string }[] {
  return shop
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { pid?: number; msg?: string; context?: string });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Workers that have logged "The shop is open" and are still alive. */
function openWorkers(shop: ShopProcess): number[] {
  const pids = logLines(shop)
    .filter((line) => line.msg?.startsWith('The shop is open') && line.pid !== undefined)
    .map((line) => line.pid!);
  return [...new Set(pids)].filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

/** The pids that answered `count` requests, each on a connection of its own (the primary deals them out in turn). */
async function answeringPids(shop: ShopProcess, port: number, count: number): Promise<Set<number>> {
  const before = logLines(shop).length;
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      }).on('error', reject);
    });
  }
  await until('the access lines', () => (logLines(shop).slice(before).filter((line) => line.context === 'Access').length >= count ? true : undefined));
  return new Set(logLines(shop).slice(before).filter((line) => line.context === 'Access').map((line) => line.pid!));
}

/** One request on a connection of its own (no keep-alive): the cluster's primary deals connections out in turn. */
function plainRequest(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('WEB_CONCURRENCY: several workers on one port', () => {
  (SERVER_URL ? it : it.skip)('serves from every worker, replaces one that dies, and stops them all on SIGTERM', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    let shop: ShopProcess | undefined;
    try {
      shop = await startShop(
        {
          DATABASE_URL: database.url!,
          WEB_CONCURRENCY: '2',
          NODE_ENV: 'production',
          SESSION_SECRET: randomBytes(32).toString('hex'),
          BCRYPT_COST: '10',
        },
        port,
        120_000,
      );
      const workers = await until('two workers', () => (openWorkers(shop!).length === 2 ? openWorkers(shop!) : undefined), 120_000);
      expect(workers).not.toContain(shop.child.pid);
      // The one-time start-up work happened once: one first admin, announced by one worker.
      expect(logLines(shop).filter((line) => String(line.msg).startsWith('Created the first admin'))).toHaveLength(1);
      expect(await answeringPids(shop, port, 10)).toEqual(new Set(workers));

      // A worker that dies is replaced, and the new one answers too.
      process.kill(workers[0], 'SIGKILL');
      const replaced = await until('a new worker', () => {
        const open = openWorkers(shop!);
        return open.length === 2 && !open.includes(workers[0]) ? open : undefined;
      }, 120_000);
      expect(logLines(shop).some((line) => line.msg?.startsWith(`Worker ${workers[0]} stopped (SIGKILL): starting a new one`))).toBe(true);
      expect(await answeringPids(shop, port, 10)).toEqual(new Set(replaced));

      shop.child.kill('SIGTERM');
      expect(await shop.exited).toBe(0);
      expect(openWorkers(shop)).toEqual([]);
      expect(logLines(shop).filter((line) => line.msg === 'Stopped: database connections closed').map((line) => line.pid).sort()).toEqual(
        [...replaced].sort(),
      );
    } finally {
      if (shop && shop.child.exitCode === null) shop.child.kill('SIGKILL');
      await database.drop();
    }
  }, 300_000);

  (SERVER_URL ? it : it.skip)('signs sessions with one key in every worker when SESSION_SECRET is left out', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    let shop: ShopProcess | undefined;
    try {
      // Outside production the secret may be left out; with DATA_DIR in memory none is kept on disk.
      shop = await startShop({ DATABASE_URL: database.url!, WEB_CONCURRENCY: '2', NODE_ENV: 'test', DATA_DIR: 'memory://', BCRYPT_COST: '4' }, port, 120_000);
      await until('two workers', () => (openWorkers(shop!).length === 2 ? true : undefined), 120_000);
      // One worker starts the session (the register form's CSRF token); each post, on a
      // connection of its own, is dealt to the workers in turn: all must know that session.
      const form = await plainRequest(port, 'GET', '/register');
      const cookie = String(form.headers['set-cookie']?.[0]).split(';')[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
      const body = new URLSearchParams({ _csrf: csrf, username: '', email: '', password: '', confirmPassword: '' }).toString();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await plainRequest(port, 'POST', '/register', { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body);
        statuses.push(res.status);
      }
      expect(statuses).toEqual([422, 422, 422, 422]);
    } finally {
      if (shop && shop.child.exitCode === null) shop.child.kill('SIGKILL');
      await database.drop();
    }
  }, 300_000);

  it('refuses more than one worker on the embedded database with one sentence and exit code 1', () => {
    const run = spawnSync(process.execPath, [MAIN_JS], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: 'memory://', WEB_CONCURRENCY: '2' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'Configuration error: WEB_CONCURRENCY can be more than 1 only with DATABASE_URL: the embedded database lives inside one process, so several workers cannot share it.\n',
    );
  });
});
