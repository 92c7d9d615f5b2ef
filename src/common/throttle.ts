import ipaddr from 'ipaddr.js';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { StorePool } from '../database/store-pool';

/**
 * Every counter lives in one PostgreSQL table (made by a migration; the name dates from when it
 * held only log-in counters), so limits hold across every app process. Each throttle keeps its
 * own key prefix in it.
 */
const TABLE = 'login_limits';

export interface ThrottleRule {
  /** Key prefix in the table: one per rule, e.g. `register_ip`. */
  name: string;
  /** How many tries the window allows. */
  points: number;
  /** The window, from the first try it counts. */
  seconds: number;
}

/** `allowed`, or how long to wait (rounded up to whole seconds, at least 1). */
export type ThrottleAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One rate-limiter-flexible limiter over the shared pool: the same construction for every
 * throttled endpoint (log-in, registration, password checks, availability, password reset).
 */
export class Throttle {
  private readonly limiter: RateLimiterPostgres;

  constructor(pool: StorePool, rule: ThrottleRule) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool.knex,
      storeType: 'knex',
      tableName: TABLE,
      tableCreated: true,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.seconds,
    });
  }

  get points(): number {
    return this.limiter.points;
  }

  /**
   * Counts this try, atomically in the database, so parallel tries cannot all slip under the
   * limit; refused once the window's points are spent.
   */
  async consume(key: string): Promise<ThrottleAnswer> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      // Past the limit the library rejects with the counter state: expected, not an error.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: secondsOf(rejection) };
    }
  }

  /** Whether the window's points are already spent, without counting anything. */
  async check(key: string): Promise<ThrottleAnswer> {
    const state = await this.limiter.get(key);
    if (!state || state.consumedPoints < this.limiter.points) return { allowed: true };
    return { allowed: false, retryAfterSeconds: secondsOf(state) };
  }

  /** Forgets the key: the next try starts a fresh window. */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

function secondsOf(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

/** "15 minutes", "1 minute", "30 seconds": for the friendly message beside a 429. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * The key a client's address counts under. One IPv6 subscriber usually holds a whole /64 and
 * can pick any address in it, so IPv6 counts by /64; IPv4-mapped IPv6 counts as the IPv4.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    const prefix = v6.parts.slice(0, 4).map((part) => part.toString(16));
    return `${prefix.join(':')}::/64`;
  }
  return parsed.toString();
}
