import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SessionUser } from '../common/session-user';
import { RolesService } from '../roles/roles.service';

declare module 'express-session' {
  interface SessionData {
    passport?: { user?: SessionUser };
  }
}

/** The sessions of one user: who they are on each request, and ending them. */
@Injectable()
export class UserSessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
  ) {}

  /**
   * The user behind a session, fresh from the database, or null when the account is gone or
   * its sessions were ended (password changed) after this one began.
   */
  async reload(stored: SessionUser): Promise<SessionUser | null> {
    // Two indexed reads: the account by id, then its active roles (RolesService owns that rule).
    const [row]: { username: string; email: string; session_version: number }[] = await this.em.execute(
      `select username, email, session_version from users where id = ?`,
      [stored.id],
    );
    if (!row || row.session_version !== stored.sessionVersion) return null;
    return {
      id: stored.id,
      username: row.username,
      email: row.email,
      roles: await this.roles.activeRoleNames(stored.id),
      sessionVersion: row.session_version,
    };
  }

  /** Ends every other session now (their rows go) and for good (their version is stale). */
  async endOtherSessions(userId: number, keepSid: string): Promise<number> {
    const [row]: { session_version: number }[] = await this.em.execute(
      `update users set session_version = session_version + 1 where id = ? returning session_version`,
      [userId],
    );
    await this.em.execute(`delete from "session" where "sess"::jsonb #>> '{passport,user,id}' = ? and "sid" <> ?`, [
      String(userId),
      keepSid,
    ]);
    return row.session_version;
  }
}
