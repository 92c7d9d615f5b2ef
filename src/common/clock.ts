import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for rules that depend on time (session timeouts, token expiry,
 * "today" on the dashboard), so tests move the clock instead of sleeping. Inject it; do not
 * call `new Date()` for such rules.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  nowMs(): number {
    return this.now().getTime();
  }
}
