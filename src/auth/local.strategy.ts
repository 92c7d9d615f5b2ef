import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { SessionUser } from '../common/session-user';
import { AuthService, type LoginResult } from './auth.service';

declare module 'express' {
  interface Request {
    /** Why the log-in failed, for the login page to say so. */
    loginFailure?: Exclude<LoginResult, { ok: true }>;
  }
}

/** The longest identifier an account can have: an email of 254 characters. */
const MAX_IDENTIFIER_LENGTH = 254;

function filled(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

/** passport-local with the contract's field names: "Username or email" and "Password". */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'identifier', passwordField: 'password', passReqToCallback: true });
  }

  /**
   * passport-local falls back to the query string for a field missing from the body: then
   * `/login?identifier=…&password=…` would log in (and put a password in every access log).
   * Credentials come from the form's body only; a missing one is the form's own 422.
   */
  override authenticate(req: Request, options?: object): void {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!filled(body.identifier) || !filled(body.password)) return this.fail({ message: 'Missing credentials' }, 400);
    super.authenticate(req, options);
  }

  async validate(req: Request, identifier: string, password: string): Promise<SessionUser | false> {
    // Longer than any email or username can be: no account has it, and it is not worth a counter.
    if (identifier.trim().length > MAX_IDENTIFIER_LENGTH) {
      req.loginFailure = { ok: false, reason: 'unknown-account' };
      return false;
    }
    const result = await this.auth.logIn(identifier, password, req.ip ?? 'unknown');
    if (result.ok) return result.user;
    req.loginFailure = result;
    return false;
  }
}
