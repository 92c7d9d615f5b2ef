import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { Clock } from './clock';
import { clientRedirect } from './htmx';
import { safeNextPath } from './login-required.exception';
import { securityEvent } from './security-events';
import type { SessionUser } from './session-user';
import { authConfig } from '../config/app.config';

declare module 'express-session' {
  interface SessionData {
    /** When this session logged in (ms, from the Clock): the absolute lifetime counts from it. */
    signedInAt?: number;
    /** The last request of this signed-in session (ms, from the Clock): the idle timeout counts from it. */
    lastSeenAt?: number;
  }
}

/** lastSeenAt is rewritten at most this often, so not every request writes its session row. */
const SEEN_RESOLUTION_MS = 60 * 1000;

export const SESSION_EXPIRED = 'Your session expired, please log in again.';

/**
 * How long a session lives, measured with the injectable Clock: a signed-in session ends after
 * SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after its log-in; a visitor's
 * session (it exists only to hold a form's CSRF token or a flash message) lives as long as the
 * idle timeout. The store drops rows past their cookie's expiry (connect-pg-simple prunes them).
 */
@Injectable()
export class SessionLifetime {
  readonly idleMs: number;
  readonly maxMs: number;

  constructor(
    private readonly clock: Clock,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
  ) {
    this.idleMs = config.sessionIdleMinutes * 60 * 1000;
    this.maxMs = config.sessionMaxHours * 60 * 60 * 1000;
  }

  /** Right after a log-in (passport has just given the session a new id). */
  started(req: Request): void {
    const now = this.clock.nowMs();
    req.session.signedInAt = now;
    req.session.lastSeenAt = now;
    req.session.cookie.maxAge = this.maxMs;
  }

  /** After passport regenerated a session that keeps its log-in time (keepSessionInfo). */
  continued(req: Request): void {
    req.session.cookie.maxAge = this.maxMs;
  }

  /** Middleware, after passport has loaded the user: ends an expired session, or notes this request. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const session = req.session;
    if (!session) return next();
    const user = req.user as SessionUser | undefined;
    if (!user) {
      session.cookie.maxAge = this.idleMs;
      return next();
    }
    const now = this.clock.nowMs();
    // A session from before these rules counts from now.
    const signedInAt = session.signedInAt ?? now;
    const lastSeenAt = session.lastSeenAt ?? now;
    const reason = now - signedInAt > this.maxMs ? 'lifetime' : now - lastSeenAt > this.idleMs ? 'idle' : undefined;
    if (reason) return this.expire(req, res, next, reason);
    session.signedInAt = signedInAt;
    if (session.lastSeenAt === undefined || now - lastSeenAt >= SEEN_RESOLUTION_MS) session.lastSeenAt = now;
    // The row outlives the rules by a little, so the next request can still say "expired".
    session.cookie.maxAge = this.maxMs;
    next();
  };

  private expire(req: Request, res: Response, next: NextFunction, reason: 'idle' | 'lifetime'): void {
    securityEvent(req, 'session.expired', { reason });
    const back = req.method === 'GET' ? safeNextPath(req.originalUrl) : undefined;
    const target = `/login?expired=1${back && back !== '/' ? `&next=${encodeURIComponent(back)}` : ''}`;
    req.session.destroy((error) => {
      if (error) return next(error);
      req.user = undefined;
      clientRedirect(req, res, target);
    });
  }
}
