import { Logger } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInMemory } from '../config/app.config';

/**
 * Connections the socket accepts: the app uses one (EMBEDDED_POOL_MAX); the spare ones let a
 * reconnect overlap a dropped connection. pglite-socket drops connections beyond this mid-query.
 */
export const EMBEDDED_MAX_CONNECTIONS = 4;

/**
 * The zero-set-up database: PostgreSQL compiled to WebAssembly (PGlite), running in this
 * process and served on a loopback port so the ordinary `pg` driver connects to it with a URL.
 * PGlite runs one query at a time; pglite-socket queues the rest.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  url?: string;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<string> {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const location = isInMemory(this.dataDir) ? 'memory://' : resolve(this.dataDir, 'pgdata');
    if (!isInMemory(this.dataDir)) mkdirSync(location, { recursive: true });
    this.db = await PGlite.create(location, { extensions: { pg_trgm } });
    this.server = new PGLiteSocketServer({
      db: this.db,
      host: '127.0.0.1',
      port: 0, // any free port: several shops (or test files) may run side by side
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
    });
    await this.server.start();
    this.url = `postgres://postgres@${this.server.getServerConn()}/postgres`;
    this.logger.log(`Embedded PostgreSQL ready (${isInMemory(this.dataDir) ? 'in memory' : location})`);
    return this.url;
  }

  /** For one-shot tools (the CLI): the listening socket alone should not keep the process alive. */
  unrefWhenIdle(): void {
    // pglite-socket keeps its net.Server private; unref() only lets the process end when idle.
    (this.server as unknown as { server?: { unref(): void } }).server?.unref();
  }

  /** Stops accepting connections, then closes PGlite so its files are flushed for the next start. */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    if (this.db && !this.db.closed) await this.db.close();
    this.db = undefined;
  }
}
