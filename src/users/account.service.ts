import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FieldErrors } from '../common/form';
import { waitText } from '../common/throttle';
import { PasswordCheckThrottle } from './password-check-throttle.service';
import { UsersService, type AccountResult } from './users.service';
import { UserSessionsService } from './user-sessions.service';

/** A refusal; `retryAfterSeconds` when it was the throttle (429) rather than the input (422). */
export type AccountFailure = { ok: false; errors: FieldErrors; retryAfterSeconds?: number };
export type ProfileResult = Extract<AccountResult, { ok: true }> | AccountFailure;
export type SessionsResult = { ok: true; sessionVersion: number } | AccountFailure;

export const CURRENT_PASSWORD_NEEDED = 'Enter your current password to make this change.';
const WRONG_PASSWORD = 'That is not your current password.';

/** The signed-in user's own account: the use cases behind /profile. */
@Injectable()
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly sessions: UserSessionsService,
    private readonly passwordChecks: PasswordCheckThrottle,
  ) {}

  /**
   * New username and email (every session shows them from the next request on) and whether the
   * profile is public. Changing the username or the email takes the current password: they are
   * how the account signs in and is recovered; making the profile public or private does not.
   */
  async updateProfile(
    userId: number,
    fields: { username: string; email: string; isPublic: boolean; currentPassword?: string },
  ): Promise<ProfileResult> {
    const user = await this.users.findById(userId);
    if (!user) throw new Error(`user ${userId} is gone`);
    if (fields.username !== user.username || fields.email !== user.email) {
      if (!fields.currentPassword) return { ok: false, errors: { currentPassword: CURRENT_PASSWORD_NEEDED } };
      const refused = await this.checkCurrentPassword(userId, fields.currentPassword);
      if (refused) return refused;
    }
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
  ): Promise<SessionsResult> {
    const refused = await this.checkCurrentPassword(userId, fields.currentPassword);
    if (refused) return refused;
    const hash = await this.users.hashPassword(fields.newPassword);
    return this.em.transactional(async () => {
      await this.users.setPasswordHash(userId, hash);
      return { ok: true as const, sessionVersion: await this.sessions.endOtherSessions(userId, currentSid) };
    });
  }

  /** "Sign out other sessions": every session of this user but this one ends now. */
  async signOutOtherSessions(userId: number, currentSid: string): Promise<{ sessionVersion: number; ended: number }> {
    return this.em.transactional(async () => {
      const ended = await this.sessions.countOtherSessions(userId, currentSid);
      return { sessionVersion: await this.sessions.endOtherSessions(userId, currentSid), ended };
    });
  }

  /** Throttled per user (a stolen session must not guess it without limit); null when right. */
  private async checkCurrentPassword(userId: number, password: string): Promise<AccountFailure | null> {
    const gate = await this.passwordChecks.admit(userId);
    if (!gate.allowed) {
      const message = `Too many wrong passwords. Please try again in ${waitText(gate.retryAfterSeconds)}.`;
      return { ok: false, errors: { currentPassword: message }, retryAfterSeconds: gate.retryAfterSeconds };
    }
    if (!(await this.users.checkPassword(userId, password))) return { ok: false, errors: { currentPassword: WRONG_PASSWORD } };
    await this.passwordChecks.succeeded(userId);
    return null;
  }
}
