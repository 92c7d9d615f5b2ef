import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from '../logging/request-id';
import type { SessionUser } from './session-user';

/** The events an operator investigates with; one log line each, at `info` or `warn`. */
export type SecurityEvent =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'registration'
  | 'registration.throttled'
  | 'password.changed'
  | 'password.throttled'
  | 'sessions.ended'
  | 'session.expired'
  | 'role.granted'
  | 'role.revoked'
  | 'csrf.refused'
  | 'access.denied'
  | 'password_reset.requested'
  | 'password_reset.throttled'
  | 'password_reset.completed';

/** What is known about who did it. Never a password, a token or a cookie. */
export interface SecurityEventDetails {
  userId?: number;
  /** The username or email that was typed, for events before anyone is known. */
  identifier?: string;
  [detail: string]: string | number | boolean | undefined;
}

const WARN_EVENTS = new Set<SecurityEvent>([
  'login.failed',
  'login.throttled',
  'registration.throttled',
  'password.throttled',
  'password_reset.throttled',
  'csrf.refused',
  'access.denied',
]);

const fallback = new Logger('Security');

/**
 * Records a security event with who (user id or attempted identifier), from where (IP) and
 * which request: one pino line, `{"context":"Security","event":"login.failed",…}`, through the
 * request's own logger so it carries the request id. A plain function rather than a service,
 * so middleware (CSRF) can call it too.
 */
export function securityEvent(req: Request | undefined, event: SecurityEvent, details: SecurityEventDetails = {}): void {
  const user = req?.user as SessionUser | undefined;
  const entry = {
    context: 'Security',
    event,
    ...details,
    userId: details.userId ?? user?.id,
    ip: req?.ip,
  };
  const level = WARN_EVENTS.has(event) ? 'warn' : 'info';
  const message = `Security event ${event}`;
  // The request's logger already binds `requestId`; without it (no logging middleware) add it here.
  if (req?.log) return req.log[level](entry, message);
  const line = { ...entry, requestId: req ? requestIdOf(req) : undefined, msg: message };
  if (level === 'warn') fallback.warn(line);
  else fallback.log(line);
}
