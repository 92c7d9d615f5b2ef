import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { SessionUser } from '../common/session-user';

/**
 * The session keeps the user's id, name, email and active roles, so no page needs a database
 * round trip to know who is asking. Role and profile changes rewrite the stored copy.
 */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  serializeUser(user: SessionUser, done: (err: Error | null, user: SessionUser) => void): void {
    done(null, { id: user.id, username: user.username, email: user.email, roles: user.roles });
  }

  deserializeUser(payload: SessionUser, done: (err: Error | null, user: SessionUser | null) => void): void {
    done(null, payload && typeof payload.id === 'number' ? payload : null);
  }
}
