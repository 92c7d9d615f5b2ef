import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import { STORE_POOL, type StorePool } from './store-pool';

const PgSession = connectPgSimple(session);

/**
 * Sessions live in PostgreSQL (table `session`, made by a migration), so any number of app
 * processes can serve the same visitor.
 */
@Injectable()
export class SessionStore implements OnApplicationShutdown {
  readonly store: session.Store;

  constructor(@Inject(STORE_POOL) pool: StorePool) {
    this.store = new PgSession({ pool: pool as never, tableName: 'session', createTableIfMissing: false });
  }

  async onApplicationShutdown(): Promise<void> {
    await (this.store as unknown as { close(): Promise<void> }).close();
  }
}
