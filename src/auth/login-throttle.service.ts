import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { authConfig } from '../config/app.config';
import { STORE_POOL, type StorePool } from '../database/store-pool';

const WINDOW_SECONDS = 15 * 60;

/**
 * Counts failed log-ins per account and per IP address over 15 minutes, in PostgreSQL (table
 * `login_limits`), so the limits hold across every app process.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perIp: RateLimiterPostgres;

  constructor(
    @Inject(STORE_POOL) pool: StorePool,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
  ) {
    const common = { storeClient: pool.knex, storeType: 'knex', tableName: 'login_limits', tableCreated: true, duration: WINDOW_SECONDS };
    this.perAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', points: config.loginFailsPerAccount });
    this.perIp = new RateLimiterPostgres({ ...common, keyPrefix: 'ip', points: config.loginFailsPerIp });
  }

  /**
   * Counts this attempt before the password is checked, so parallel attempts cannot all slip
   * under the limit. Returns the seconds to wait when the limit is passed, else 0.
   */
  async countAttempt(accountKey: string, ip: string): Promise<number> {
    const [account, address] = await Promise.all([consume(this.perAccount, accountKey), consume(this.perIp, ip)]);
    return Math.max(blockedFor(account, this.perAccount.points), blockedFor(address, this.perIp.points));
  }

  /** A successful log-in is not counted: the attempt is given back, and the account starts afresh. */
  async recordSuccess(accountKey: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.delete(accountKey), this.perIp.reward(ip, 1)]);
  }
}

function blockedFor(res: RateLimiterRes, points: number): number {
  if (res.consumedPoints <= points) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Past the limit the library rejects with the counter state; that is expected, not an error. */
async function consume(limiter: RateLimiterPostgres, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return rejection;
  }
}
