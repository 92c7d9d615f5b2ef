import { Logger } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveFromRoot } from '../common/paths';
import { isInMemory } from '../config/app.config';
import { copyTemplate, templateStore } from './embedded-template';

/**
 * Connections the socket accepts: the app uses one (EMBEDDED_POOL_MAX); the spare ones let a
 * reconnect overlap a dropped connection. pglite-socket drops connections beyond this mid-query.
 */
export const EMBEDDED_MAX_CONNECTIONS = 4;

/** The port number only names the socket file (`.s.PGSQL.5432`), as libpq and `pg` expect. */
const SOCKET_PORT = 5432;
/** A Unix socket path must fit in sun_path (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/**
 * The zero-set-up database: PostgreSQL compiled to WebAssembly (PGlite), running in this
 * process and served on a Unix socket so the ordinary `pg` driver connects to it with a URL.
 * PGlite runs one query at a time; pglite-socket queues the rest.
 *
 * PGlite accepts any user without a password, so the socket is the lock: it lives in a
 * directory only this OS user may enter (0700: `DATA_DIR/socket`, or a private temporary
 * directory for an in-memory database or a DATA_DIR too deep for a socket path). A loopback
 * port would let every local user read and change the shop's data.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  /** A temporary socket directory this instance made, removed at stop. */
  private temporaryDir?: string;
  /** The directory holding the socket, for checks and tools. */
  socketDir?: string;
  url?: string;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<string> {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const location = isInMemory(this.dataDir) ? 'memory://' : resolve(this.dataDir, 'pgdata');
    if (!isInMemory(this.dataDir)) {
      mkdirSync(location, { recursive: true });
      if (!existsSync(join(location, 'PG_VERSION'))) await this.fillFromTemplate(location, (folder) => PGlite.create(folder));
    }
    this.db = await PGlite.create(location, { extensions: { pg_trgm } });
    const socketDir = this.makeSocketDir();
    const socketPath = join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
    // A socket left by a process that died holds the name; the data directory is ours alone.
    rmSync(socketPath, { force: true });
    this.server = new PGLiteSocketServer({ db: this.db, path: socketPath, maxConnections: EMBEDDED_MAX_CONNECTIONS });
    await this.server.start();
    chmodSync(socketPath, 0o600);
    this.socketDir = socketDir;
    // `pg` takes a host starting with "/" as the directory of a Unix socket.
    this.url = `postgres://postgres@${encodeURIComponent(socketDir)}:${SOCKET_PORT}/postgres`;
    this.logger.log(`Embedded PostgreSQL ready (${isInMemory(this.dataDir) ? 'in memory' : location})`);
    return this.url;
  }

  /**
   * A new data directory is copied from the kept result of initdb (embedded-template.ts), made
   * now if this is the first. When that fails, PGlite.create runs initdb in place as before.
   */
  private async fillFromTemplate(location: string, create: (folder: string) => Promise<PGlite>): Promise<void> {
    const version = pgliteVersion();
    if (!version) return;
    const store = templateStore(version);
    try {
      const existing = store.existing();
      const template = existing
        ? { folder: existing, discard: () => undefined }
        : await store.make(async (folder) => (await create(folder)).close());
      copyTemplate(template.folder, location);
      template.discard();
    } catch (error) {
      rmSync(location, { recursive: true, force: true });
      mkdirSync(location, { recursive: true });
      this.logger.debug(`No data directory template: ${error instanceof Error ? error.message : String(error)}`);
    }
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
    if (this.temporaryDir) rmSync(this.temporaryDir, { recursive: true, force: true });
    this.temporaryDir = undefined;
  }

  private makeSocketDir(): string {
    if (!isInMemory(this.dataDir)) {
      const dir = resolve(this.dataDir, 'socket');
      if (join(dir, `.s.PGSQL.${SOCKET_PORT}`).length <= MAX_SOCKET_PATH) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        chmodSync(dir, 0o700); // also when it existed with a looser mode
        return dir;
      }
    }
    this.temporaryDir = mkdtempSync(join(tmpdir(), 'shop-pg-')); // mode 0700
    return this.temporaryDir;
  }
}

/** The installed PGlite's version (its package.json is not in its exports), or undefined. */
function pgliteVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(resolveFromRoot('node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}
