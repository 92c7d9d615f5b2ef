import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../config/app.config';
import { STORE_POOL, type StorePool } from '../database/store-pool';
import { addressKey, Throttle } from '../common/throttle';

const WINDOW_SECONDS = 15 * 60;
/** The bar for one account from every address together, as a multiple of the per-address one. */
const ACCOUNT_FACTOR = 10;
/** Past that bar an account takes one try per this many seconds, from anywhere: slowed, not locked. */
const PACE_SECONDS = 30;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: 'account-and-ip' | 'ip' | 'account' };

/**
 * rate-limiter-flexible's login-endpoint pattern, in PostgreSQL:
 * - consecutive failures of one account from one address (LOGIN_FAILS_PER_ACCOUNT): that
 *   address is refused for this account, even with the right password, while the owner
 *   elsewhere is not; a success clears it;
 * - failures from one address, whatever account (LOGIN_FAILS_PER_IP); never given back on a
 *   success, or an attacker could wash guesses with log-ins of their own;
 * - failures on one account from every address (ACCOUNT_FACTOR times higher): past it the
 *   account is slowed to one try per PACE_SECONDS, so a distributed guesser gains little and
 *   the owner waits seconds, not a lock-out.
 */
@Injectable()
export class LoginThrottleService {
  private readonly accountAndIp: Throttle;
  private readonly ip: Throttle;
  private readonly account: Throttle;
  private readonly accountPace: Throttle;

  constructor(@Inject(STORE_POOL) pool: StorePool, @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    const perAccount = config.loginFailsPerAccount;
    this.accountAndIp = new Throttle(pool, { name: 'login_account_ip', points: perAccount, seconds: WINDOW_SECONDS });
    this.ip = new Throttle(pool, { name: 'login_ip', points: config.loginFailsPerIp, seconds: WINDOW_SECONDS });
    this.account = new Throttle(pool, { name: 'login_account', points: perAccount * ACCOUNT_FACTOR, seconds: WINDOW_SECONDS });
    this.accountPace = new Throttle(pool, { name: 'login_account_pace', points: 1, seconds: PACE_SECONDS });
  }

  /**
   * Before the password is checked. The account-and-address pair counts this attempt at once
   * (so a parallel burst cannot slip under it); the others only look, as they count failures.
   */
  async admit(accountKey: string, ip: string | undefined): Promise<LoginGate> {
    const address = addressKey(ip);
    const [pair, fromIp, onAccount] = await Promise.all([
      this.accountAndIp.consume(pairKey(accountKey, address)),
      this.ip.check(address),
      this.account.check(accountKey),
    ]);
    if (!fromIp.allowed) return { ...fromIp, limit: 'ip' };
    if (!pair.allowed) return { ...pair, limit: 'account-and-ip' };
    if (!onAccount.allowed) {
      const paced = await this.accountPace.consume(accountKey);
      if (!paced.allowed) return { ...paced, limit: 'account' };
    }
    return { allowed: true };
  }

  /** A wrong password or an unknown account: it counts against the address and the account. */
  async recordFailure(accountKey: string, ip: string | undefined): Promise<void> {
    await Promise.all([this.ip.consume(addressKey(ip)), this.account.consume(accountKey)]);
  }

  /** The owner got in from here: this pair starts afresh (the address counter does not). */
  async recordSuccess(accountKey: string, ip: string | undefined): Promise<void> {
    await this.accountAndIp.reset(pairKey(accountKey, addressKey(ip)));
  }

  /**
   * The owner proved they hold the account's mailbox (a password reset from this address):
   * the account's own counters start afresh, so the new password works at once, here and
   * elsewhere. The address counter stays, as on a successful log-in.
   */
  async forgiveAccount(userId: number, ip: string | undefined): Promise<void> {
    const accountKey = userAccountKey(userId);
    await Promise.all([
      this.accountAndIp.reset(pairKey(accountKey, addressKey(ip))),
      this.account.reset(accountKey),
      this.accountPace.reset(accountKey),
    ]);
  }
}

/** The key the log-in throttle counts a known user's failures under. */
export function userAccountKey(userId: number): string {
  return `user:${userId}`;
}

function pairKey(accountKey: string, address: string): string {
  return `${accountKey}@${address}`;
}
