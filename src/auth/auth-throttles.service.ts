import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../config/app.config';
import { STORE_POOL, type StorePool } from '../database/store-pool';
import { addressKey, Throttle, type ThrottleAnswer } from '../common/throttle';

/**
 * The other anonymous endpoints that cost the shop work or tell an enumerator something:
 * registration (a bcrypt hash each) per address per hour, the availability check per address
 * per minute. Every try counts, successful or not.
 */
@Injectable()
export class AuthThrottles {
  private readonly registration: Throttle;
  private readonly availability: Throttle;

  constructor(@Inject(STORE_POOL) pool: StorePool, @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.registration = new Throttle(pool, { name: 'register_ip', points: config.registerPerIp, seconds: 60 * 60 });
    this.availability = new Throttle(pool, { name: 'availability_ip', points: config.availabilityPerIp, seconds: 60 });
  }

  admitRegistration(ip: string | undefined): Promise<ThrottleAnswer> {
    return this.registration.consume(addressKey(ip));
  }

  admitAvailabilityCheck(ip: string | undefined): Promise<ThrottleAnswer> {
    return this.availability.consume(addressKey(ip));
  }
}
