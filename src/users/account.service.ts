import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UsersService, type AccountResult } from './users.service';
import { UserSessionsService } from './user-sessions.service';

export type PasswordResult = { ok: true; sessionVersion: number } | Extract<AccountResult, { ok: false }>;

/** The signed-in user's own account: the use cases behind /profile. */
@Injectable()
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly sessions: UserSessionsService,
  ) {}

  /** New username and email (every session shows them from the next request on). */
  updateProfile(userId: number, fields: { username: string; email: string }): Promise<AccountResult> {
    return this.users.updateProfile(userId, fields);
  }

  /**
   * The new password and the end of every other session, together or not at all. bcrypt's
   * slow work happens before the transaction, so the transaction holds its connection briefly.
   */
  async changePassword(
    userId: number,
    currentSid: string,
    fields: { currentPassword: string; newPassword: string },
  ): Promise<PasswordResult> {
    if (!(await this.users.checkPassword(userId, fields.currentPassword))) {
      return { ok: false, errors: { currentPassword: 'That is not your current password.' } };
    }
    const hash = await this.users.hashPassword(fields.newPassword);
    return this.em.transactional(async () => {
      await this.users.setPasswordHash(userId, hash);
      return { ok: true as const, sessionVersion: await this.sessions.endOtherSessions(userId, currentSid) };
    });
  }
}
