import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import type { SessionUser } from '../common/session-user';

declare module 'express-session' {
  interface SessionData {
    passport?: { user?: SessionUser };
  }
}

/**
 * The sessions of one user, in the `session` table. The session carries the user's name, email
 * and roles, so a change to those is written into every session of that user; a password
 * change ends all but the current one. Runs on the caller's EntityManager (and transaction).
 */
@Injectable()
export class UserSessionsService {
  constructor(private readonly em: EntityManager) {}

  /** Rewrites the stored user of every session belonging to `user.id`. */
  async updateUser(user: SessionUser): Promise<void> {
    await this.em.execute(
      `update "session"
          set "sess" = jsonb_set("sess"::jsonb, '{passport,user}', ?::jsonb)::json
        where "sess"::jsonb #>> '{passport,user,id}' = ?`,
      [JSON.stringify(user), String(user.id)],
    );
  }

  /** Signs the user out everywhere except in the session `keepSid`. */
  async endOtherSessions(userId: number, keepSid: string): Promise<void> {
    await this.em.execute(
      `delete from "session" where "sess"::jsonb #>> '{passport,user,id}' = ? and "sid" <> ?`,
      [String(userId), keepSid],
    );
  }

  /**
   * The session of this very request is saved again when the response ends; update its copy
   * too, or that save would write back the old user.
   */
  static updateCurrent(req: Request, user: SessionUser): void {
    if (req.session?.passport?.user?.id === user.id) req.session.passport.user = user;
    if ((req.user as SessionUser | undefined)?.id === user.id) req.user = user;
  }
}
