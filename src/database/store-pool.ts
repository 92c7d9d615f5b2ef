import type { Knex } from '@mikro-orm/postgresql';
import type { QueryResult, QueryResultRow } from 'pg';

/**
 * The session store and the log-in limiter run plain SQL through the ORM's own connection
 * pool rather than a second pool: on the embedded database every process must use exactly one
 * connection (see EMBEDDED_POOL_MAX), and on a server one pool is simply easier to size.
 */
export const STORE_POOL = Symbol('STORE_POOL');

/** The part of pg.Pool that connect-pg-simple uses. */
export interface StorePool {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  /** The knex instance, for rate-limiter-flexible's `storeType: 'knex'`. */
  knex: Knex;
}

interface PgClient {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export function storePoolOver(knex: Knex): StorePool {
  const client = knex.client as { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> };
  return {
    knex,
    async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
      const connection = await client.acquireConnection();
      try {
        return await connection.query<R>(text, values);
      } finally {
        await client.releaseConnection(connection);
      }
    },
  };
}
