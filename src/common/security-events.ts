import { Logger } from '@nestjs/common';
import type { Request } from 'express';
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

const logger = new Logger('Security');

/**
 * Records a security event with who (user id or attempted identifier), from where (IP) and
 * which request. A plain function rather than a service, so middleware (CSRF) can call it too.
 */
export function securityEvent(req: Request | undefined, event: SecurityEvent, details: SecurityEventDetails = {}): void {
  const user = req?.user as SessionUser | undefined;
  const entry = {
    event,
    userId: details.userId ?? user?.id,
    ...details,
    ip: req?.ip,
    requestId: req ? requestIdOf(req) : undefined,
  };
  if (WARN_EVENTS.has(event)) logger.warn(entry);
  else logger.log(entry);
}

/** The request id set by the logging middleware, when there is one. */
function requestIdOf(req: Request): string | undefined {
  const id = (req as Request & { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
