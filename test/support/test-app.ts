import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Server } from 'node:http';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { DatabaseConnection } from '../../src/database/database-connection';
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
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication(APP_OPTIONS);
    app.useLogger(process.env.TEST_LOGS ? ['log', 'warn', 'error', 'debug'] : ['error']);
    configureApp(app);
    if (options.listen) await app.listen(0, '127.0.0.1');
    else await app.init();
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

/** The embedded database behind the app, when there is one (to stop it in a test). */
export function embeddedOf(testApp: TestApp) {
  return testApp.app.get(DatabaseConnection).embedded;
}
