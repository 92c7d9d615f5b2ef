import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a start-up job (first admin, demo catalog) in a context and a transaction of its own,
 * under a PostgreSQL advisory lock: processes that start together take turns, and the later
 * ones see what the first one did.
 */
export function runStartupTask<T>(orm: MikroORM, lockKey: number, work: () => Promise<T>): Promise<T> {
  return RequestContext.create(orm.em, () =>
    (orm.em as EntityManager).transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [lockKey]);
      return work();
    }),
  );
}
