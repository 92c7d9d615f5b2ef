import { Injectable } from '@nestjs/common';
import type { SessionUser } from '../common/session-user';
import { UsersService } from '../users/users.service';
import { LoginThrottleService } from './login-throttle.service';

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'unknown-account' | 'wrong-password' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Checking who someone is: the password, and how often they may try. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async logIn(identifier: string, password: string, ip: string): Promise<LoginResult> {
    const user = await this.users.findByIdentifier(identifier);
    // Failures count against the account itself, however it was named (username or email).
    const accountKey = user ? `user:${user.id}` : `unknown:${identifier.trim().toLowerCase()}`;
    const retryAfterSeconds = await this.throttle.countAttempt(accountKey, ip);
    if (retryAfterSeconds > 0) return { ok: false, reason: 'throttled', retryAfterSeconds };

    if (!user) return { ok: false, reason: 'unknown-account' };
    if (!(await this.users.verifyPassword(user, password))) return { ok: false, reason: 'wrong-password' };
    await this.throttle.recordSuccess(accountKey, ip);
    return { ok: true, user: await this.users.toSessionUser(user) };
  }
}
