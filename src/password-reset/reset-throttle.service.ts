import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { authConfig } from '../config/app.config';
import { STORE_POOL, type StorePool } from '../database/store-pool';

const WINDOW_SECONDS = 60 * 60;

/**
 * Counts reset requests per email and per IP address over an hour (RESET_PER_EMAIL,
 * RESET_PER_IP), in PostgreSQL so every app process shares the counts. Built like
 * LoginThrottleService and kept in its table (`login_limits`) under key prefixes of its own.
 */
@Injectable()
export class ResetThrottleService {
  private readonly perEmail: RateLimiterPostgres;
  private readonly perIp: RateLimiterPostgres;

  constructor(
    @Inject(STORE_POOL) pool: StorePool,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
  ) {
    const common = { storeClient: pool.knex, storeType: 'knex', tableName: 'login_limits', tableCreated: true, duration: WINDOW_SECONDS };
    this.perEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'reset-email', points: config.resetPerEmail });
    this.perIp = new RateLimiterPostgres({ ...common, keyPrefix: 'reset-ip', points: config.resetPerIp });
  }

  /** Counts this request against both limits; false once either is passed. */
  async allow(email: string, ip: string): Promise<boolean> {
    const [byEmail, byIp] = await Promise.all([
      consume(this.perEmail, email.trim().toLowerCase()),
      consume(this.perIp, ip),
    ]);
    return byEmail.consumedPoints <= this.perEmail.points && byIp.consumedPoints <= this.perIp.points;
  }
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
