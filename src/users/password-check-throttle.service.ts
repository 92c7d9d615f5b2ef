import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../config/app.config';
import { STORE_POOL, type StorePool } from '../database/store-pool';
import { Throttle, type ThrottleAnswer } from '../common/throttle';

/**
 * Checks of a signed-in user's current password (changing the password, the username or the
 * email): LOGIN_FAILS_PER_ACCOUNT wrong ones per 15 minutes per user, so a stolen session
 * cannot guess the password without limit. Counted before the check; a right one clears it.
 */
@Injectable()
export class PasswordCheckThrottle {
  private readonly throttle: Throttle;

  constructor(@Inject(STORE_POOL) pool: StorePool, @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.throttle = new Throttle(pool, { name: 'password_check_user', points: config.loginFailsPerAccount, seconds: 15 * 60 });
  }

  admit(userId: number): Promise<ThrottleAnswer> {
    return this.throttle.consume(`user:${userId}`);
  }

  succeeded(userId: number): Promise<void> {
    return this.throttle.reset(`user:${userId}`);
  }
}
