import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { securityEvent } from '../common/security-events';
import type { SessionUser } from '../common/session-user';
import { AuthService, type LoginResult } from './auth.service';

declare module 'express' {
  interface Request {
    /** Why the log-in failed, for the login page to say so. */
    loginFailure?: Exclude<LoginResult, { ok: true }>;
  }
}

/** passport-local with the contract's field names: "Username or email" and "Password". */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'identifier', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, identifier: string, password: string): Promise<SessionUser | false> {
    const result = await this.auth.logIn(identifier, password, req.ip);
    if (result.ok) {
      securityEvent(req, 'login.succeeded', { userId: result.user.id });
      return result.user;
    }
    const detail = result.reason === 'throttled' ? { limit: result.limit } : { reason: result.reason };
    securityEvent(req, result.reason === 'throttled' ? 'login.throttled' : 'login.failed', { identifier, ...detail });
    req.loginFailure = result;
    return false;
  }
}
