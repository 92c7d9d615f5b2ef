import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserSessionsService } from './user-sessions.service';
import type { SessionUser } from '../common/session-user';
import { UsersService, type AccountResult } from './users.service';

export type ProfileResult = { ok: true; user: SessionUser } | Extract<AccountResult, { ok: false }>;

/** The signed-in user's own account: the use cases behind /profile. */
@Injectable()
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly sessions: UserSessionsService,
  ) {}

  /**
   * New username/email, written into the user's other sessions as well. Not one transaction:
   * a lost race on the unique index aborts a transaction, and the loser must still get an
   * answer. A failure between the two steps leaves other sessions showing the old name only.
   */
  async updateProfile(userId: number, fields: { username: string; email: string }): Promise<ProfileResult> {
    const result = await this.users.updateProfile(userId, fields);
    if (!result.ok) return result;
    const user = await this.users.toSessionUser(result.user);
    await this.sessions.updateUser(user);
    return { ok: true, user };
  }

  /** The new password and the end of every other session of this user, together or not at all. */
  async changePassword(
    userId: number,
    currentSid: string,
    fields: { currentPassword: string; newPassword: string },
  ): Promise<AccountResult> {
    return this.em.transactional(async () => {
      const result = await this.users.changePassword(userId, fields.currentPassword, fields.newPassword);
      if (result.ok) await this.sessions.endOtherSessions(userId, currentSid);
      return result;
    });
  }
}
