import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { SessionUser } from '../common/session-user';
import { UserSessionsService } from '../users/user-sessions.service';

/**
 * The session stores the user at log-in; every request reloads it by id, so a session whose
 * password was changed elsewhere, or whose account lost a role, follows at once.
 */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly sessions: UserSessionsService) {
    super();
  }

  serializeUser(user: SessionUser, done: (err: Error | null, user: SessionUser) => void): void {
    const { id, username, email, roles, sessionVersion } = user;
    done(null, { id, username, email, roles, sessionVersion });
  }

  deserializeUser(stored: SessionUser, done: (err: Error | null, user?: SessionUser | false) => void): void {
    if (!stored || typeof stored.id !== 'number') return done(null, false);
    this.sessions.reload(stored).then(
      (user) => done(null, user ?? false),
      (error: Error) => done(error),
    );
  }
}
