import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Server } from 'node:http';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { DatabaseConnection } from '../../src/database/database-connection';
import { LOG_DESTINATION } from '../../src/logging/logging.module';
import { StartupReport } from '../../src/logging/startup-report';
import type { LogCapture } from './log-capture';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_ADMIN = { username: 'admin', email: 'admin@example.com', password: 'admin-password-1' };

export interface TestAppOptions {
  /** Extra modules (e.g. a controller that throws) added beside the real AppModule. */
  imports?: ModuleMetadata['imports'];
  /** Environment for this app, on top of the test defaults. */
  env?: Record<string, string | undefined>;
  /** Use the embedded database in this folder, even when the tests run on a server. */
  embeddedDataDir?: string;
  /** Reuse this database instead of creating a fresh one (restart tests). */
  database?: TestDatabase;
  /** Listen on a real port (browser tests). */
  listen?: boolean;
  /** The clock the app reads "now" from (a ManualClock lets a test move time). */
  clock?: Clock;
  /** Capture the app's log lines (JSON) at the capture's level, to assert on them. */
  logs?: LogCapture;
}

export interface TestApp {
  app: INestApplication;
  server: Server;
  orm: MikroORM;
  database: TestDatabase;
  /** A fresh EntityManager for assertions on the database. */
  em(): EntityManager;
  /** Base URL when started with `listen`. */
  baseUrl: string;
  /** Closes the app; drops the database unless `keepDatabase`. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * The real AppModule through the real configureApp(), on a fresh database: what production
 * runs, minus the port (unless `listen`).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.embeddedDataDir
    ? { url: undefined, drop: async () => undefined }
    : (options.database ?? (await createTestDatabase()));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    BCRYPT_COST: '4', // fast hashes in tests; production uses BCRYPT_COST (default 12)
    SEED_DEMO: 'false',
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    DATABASE_URL: database.url,
    DATA_DIR: options.embeddedDataDir ?? 'memory://',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    // Quiet by default (errors only); TEST_LOGS=debug (or any level) shows more on stdout.
    LOG_LEVEL: options.logs?.level ?? testLogLevel(),
    ...options.env,
  };
  const saved = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const builder = Test.createTestingModule({ imports: [AppModule, ...(options.imports ?? [])] });
    if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
    if (options.logs) builder.overrideProvider(LOG_DESTINATION).useValue(options.logs);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication(APP_OPTIONS);
    configureApp(app);
    if (options.listen) await app.listen(0, '127.0.0.1');
    else await app.init();
    // As main.ts does once the shop listens: the start-up warnings and the first admin's block.
    app.get(StartupReport).announce();
    const server = app.getHttpServer() as Server;
    const address = server.address();
    const baseUrl = address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : '';
    const orm = app.get(MikroORM);
    return {
      app,
      server,
      orm,
      database,
      baseUrl,
      em: () => orm.em.fork() as EntityManager,
      close: async ({ keepDatabase = false } = {}) => {
        await app.close();
        if (!keepDatabase) await database.drop();
      },
    };
  } finally {
    process.env = saved;
  }
}

function testLogLevel(): string {
  const wanted = process.env.TEST_LOGS;
  if (!wanted) return 'error';
  return ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(wanted) ? wanted : 'debug';
}

/** The embedded database behind the app, when there is one (to stop it in a test). */
export function embeddedOf(testApp: TestApp) {
  return testApp.app.get(DatabaseConnection).embedded;
}
