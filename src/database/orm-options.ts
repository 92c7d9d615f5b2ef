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
    pool: { min: 0, max: options.embedded ? EMBEDDED_POOL_MAX : SERVER_POOL_MAX },
    // Queries are logged at debug (LOG_LEVEL=debug) with `?` placeholders: the namespace
    // 'query-params' is never enabled, as it would write emails, addresses and hashes to the log.
    debug: options.logQueries ? ['query', 'info'] : false,
    colors: false,
    logger: (message) => logger.debug(message),
    // Tables owned by libraries (sessions, log-in counters), made by hand-written migrations.
    schemaGenerator: { skipTables: ['session', 'login_limits'] },
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
