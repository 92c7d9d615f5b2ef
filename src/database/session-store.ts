import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import { describeError } from '../logging/error-details';
import { wasSavedThisRequest } from '../common/session-saves';
import { STORE_POOL, type StorePool } from './store-pool';

const PgSession = connectPgSimple(session);

type TouchCallback = (error?: unknown) => void;

/** connect-pg-simple, but a session the app saved during this request is not touched again. */
class ShopPgSession extends PgSession {
  override touch(sid: string, sess: session.SessionData, callback?: TouchCallback): void {
    if (wasSavedThisRequest(sess)) {
      callback?.();
      return;
    }
    super.touch(sid, sess, callback);
  }
}

/**
 * Sessions live in PostgreSQL (table `session`, made by a migration), so any number of app
 * processes can serve the same visitor.
 */
@Injectable()
export class SessionStore implements OnApplicationShutdown {
  readonly store: session.Store;

  constructor(@Inject(STORE_POOL) pool: StorePool) {
    const logger = new Logger('SessionStore');
    this.store = new ShopPgSession({
      pool: pool as never,
      tableName: 'session',
      createTableIfMissing: false,
      // Its own errors (pruning) go to our log, described without SQL values, not to console.error.
      errorLog: (...args: unknown[]) => {
        const { message, fields } = describeError(args.find((arg) => arg instanceof Error) ?? args.join(' '));
        logger.error({ ...fields, msg: `Session store: ${message}` });
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await (this.store as unknown as { close(): Promise<void> }).close();
  }
}
