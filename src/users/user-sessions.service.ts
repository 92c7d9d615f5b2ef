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
    // One statement: the account by id and its active roles (RolesService owns that rule).
    const [row]: { username: string; email: string; session_version: number; roles: unknown }[] = await this.em.execute(
      `select username, email, session_version, ${this.roles.activeRoleNamesSql('users.id')} as roles from users where id = ?`,
      [stored.id],
    );
    if (!row || row.session_version !== stored.sessionVersion) return null;
    return {
      id: stored.id,
      username: row.username,
      email: row.email,
      roles: this.roles.roleNamesFrom(row.roles),
      sessionVersion: row.session_version,
    };
  }

  /** Ends every other session now (their rows go) and for good (their version is stale). */
  async endOtherSessions(userId: number, keepSid: string): Promise<number> {
    const [row]: { session_version: number }[] = await this.em.execute(
      `update users set session_version = session_version + 1 where id = ? returning session_version`,
      [userId],
    );
    // "user_id" is a stored column the database derives from the session's JSON (indexed).
    await this.em.execute(`delete from "session" where "user_id" = ? and "sid" <> ?`, [userId, keepSid]);
    return row.session_version;
  }

  /** How many other sessions of this user are still open (for the message). */
  async countOtherSessions(userId: number, keepSid: string): Promise<number> {
    const [row]: { count: string | number }[] = await this.em.execute(
      `select count(*) as count from "session" where "user_id" = ? and "sid" <> ?`,
      [userId, keepSid],
    );
    return Number(row.count);
  }
}
