import { Logger } from '@nestjs/common';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/** Connections per app process to a PostgreSQL server. */
export const SERVER_POOL_MAX = 8;
/**
 * Exactly one connection per process to the embedded database: pglite-socket interleaves the
 * extended-protocol messages (Parse/Bind/Execute) of concurrent connections into PGlite's one
 * session, so two connections can run each other's statements (pglite issues #977, #1046).
 * PGlite executes one query at a time anyway, so one connection costs no throughput.
 */
export const EMBEDDED_POOL_MAX = 1;

/**
 * The embedded database's one connection, kept for the life of the process (min = max, so the
 * pool never reaps it when idle). All connections share PGlite's single session, whose state
 * outlives a connection: when one is lost anyway and the pool opens another, that session
 * still holds the old one's named prepared statements (rate-limiter-flexible's `rlflx-upsert`)
 * and the next PREPARE fails with "already exists". DISCARD ALL gives each new connection the
 * clean session a real server would (prepared statements, settings, temp tables, locks).
 */
const EMBEDDED_POOL = {
  min: EMBEDDED_POOL_MAX,
  max: EMBEDDED_POOL_MAX,
  afterCreate(connection: PgConnection, done: (error: Error | undefined, connection: PgConnection) => void) {
    connection.query('DISCARD ALL', (error) => done(error ?? undefined, connection));
  },
};

interface PgConnection {
  query(text: string, callback: (error: Error | null) => void): void;
}

const logger = new Logger('MikroORM');

/** The one MikroORM configuration, for the app, the tests and the CLI alike. */
export function ormOptions(clientUrl: string, options: { embedded: boolean; cli?: boolean; logQueries?: boolean }) {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // Every request gets its own EntityManager (RequestContext); the global one is a bug.
    allowGlobalContext: false,
    pool: options.embedded ? EMBEDDED_POOL : { min: 0, max: SERVER_POOL_MAX },
    // Queries are logged at debug (LOG_LEVEL=debug) with `?` placeholders: the namespace
    // 'query-params' is never enabled, as it would write emails, addresses and hashes to the log.
    debug: options.logQueries ? ['query', 'info'] : false,
    colors: false,
    logger: (message) => logger.debug(message),
    // Tables owned by libraries (sessions, log-in counters) or by a trigger (the catalog's
    // version, see Migration20261202064500), made by hand-written migrations.
    schemaGenerator: { skipTables: ['session', 'login_limits', 'catalog_version'] },
    migrations: {
      // Listed explicitly so that the same code runs from ts (jest) and from dist (npm start).
      migrationsList: MIGRATIONS,
      // Where the CLI writes new migrations and the schema snapshot (from the project root).
      path: './migrations',
      emit: 'ts',
      // Only the CLI keeps the snapshot (of the entities): the app must not rewrite it at start-up.
      snapshot: options.cli === true,
      snapshotName: '.snapshot-shop',
      transactional: true,
      allOrNothing: true,
    },
  });
}
