import { Injectable } from '@nestjs/common';
import type { SessionUser } from '../common/session-user';
import { UsersService } from '../users/users.service';
import { LoginThrottleService, userAccountKey } from './login-throttle.service';

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'unknown-account' | 'wrong-password' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number; limit: string };

/** Checking who someone is: the password, and how often they may try. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async logIn(identifier: string, password: string, ip: string | undefined): Promise<LoginResult> {
    const user = await this.users.findByIdentifier(identifier);
    // Failures count against the account itself, however it was named (username or email).
    const accountKey = user ? userAccountKey(user.id) : `unknown:${identifier.trim().toLowerCase()}`;
    const gate = await this.throttle.admit(accountKey, ip);
    if (!gate.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds, limit: gate.limit };

    if (!user || !(await this.users.verifyPassword(user, password))) {
      await this.throttle.recordFailure(accountKey, ip);
      return { ok: false, reason: user ? 'wrong-password' : 'unknown-account' };
    }
    await this.throttle.recordSuccess(accountKey, ip);
    return { ok: true, user: await this.users.toSessionUser(user) };
  }
}
