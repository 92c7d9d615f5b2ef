import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { addressKey, Throttle } from '../common/throttle';
import { authConfig } from '../config/app.config';
import { STORE_POOL, type StorePool } from '../database/store-pool';

const HOUR = 60 * 60;

/**
 * Counts reset requests per email and per IP address over an hour (RESET_PER_EMAIL,
 * RESET_PER_IP), with the same Throttle as every other endpoint, so every app process shares
 * the counts and IPv6 addresses count by /64.
 */
@Injectable()
export class ResetThrottleService {
  private readonly perEmail: Throttle;
  private readonly perIp: Throttle;

  constructor(
    @Inject(STORE_POOL) pool: StorePool,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
  ) {
    this.perEmail = new Throttle(pool, { name: 'reset-email', points: config.resetPerEmail, seconds: HOUR });
    this.perIp = new Throttle(pool, { name: 'reset-ip', points: config.resetPerIp, seconds: HOUR });
  }

  /** Counts this request against both limits; false once either is passed. */
  async allow(email: string, ip: string | undefined): Promise<boolean> {
    const [byEmail, byIp] = await Promise.all([
      this.perEmail.consume(email.trim().toLowerCase()),
      this.perIp.consume(addressKey(ip)),
    ]);
    return byEmail.allowed && byIp.allowed;
  }
}
