import { Logger } from '@nestjs/common';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/** Pool size of the ORM; the embedded database accepts a few more connections than this. */
export const ORM_POOL_MAX = 8;

const logger = new Logger('MikroORM');

/** The one MikroORM configuration, for the app, the tests and the CLI alike. */
export function ormOptions(clientUrl: string) {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // Every request gets its own EntityManager (RequestContext); the global one is a bug.
    allowGlobalContext: false,
    pool: { min: 0, max: ORM_POOL_MAX },
    logger: (message) => logger.debug(message),
    migrations: {
      // Listed explicitly so that the same code runs from ts (jest) and from dist (npm start).
      migrationsList: MIGRATIONS,
      // Where the CLI writes new migrations and the schema snapshot (from the project root).
      path: './migrations',
      emit: 'ts',
      snapshot: true,
      snapshotName: '.snapshot-shop',
      transactional: true,
      allOrNothing: true,
    },
  });
}
