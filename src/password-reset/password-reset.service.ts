import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { Clock } from '../common/clock';
import { securityEvent } from '../common/security-events';
import { mailConfig } from '../config/app.config';
import { UserSessionsService } from '../users/user-sessions.service';
import { UsersService } from '../users/users.service';
import { ResetMailer } from './reset-mailer.service';
import { hashResetToken, isWellFormedResetToken, newResetToken, RESET_LINK_LIFETIME_MS } from './reset-token';
import { ResetThrottleService } from './reset-throttle.service';
import { ResetTokensRepository } from './reset-tokens.repository';

export type ResetResult = { ok: true; userId: number } | { ok: false; reason: 'invalid-link' };

/** Forgotten passwords: the link by mail, and setting a new password with it. */
@Injectable()
export class PasswordResetService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PasswordReset');
  /** Requests being handled after their answer was sent; awaited before the app closes. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly sessions: UserSessionsService,
    private readonly tokens: ResetTokensRepository,
    private readonly throttle: ResetThrottleService,
    private readonly mailer: ResetMailer,
    private readonly loginThrottle: LoginThrottleService,
    private readonly clock: Clock,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {}

  /**
   * "Forgot password" for this email, handled once `answered` resolves: the answer is the same
   * page whatever happens here, and sending it first means its timing cannot tell a known email
   * (token written, mail sent) from an unknown or throttled one. `req` only says who asked.
   */
  requestReset(email: string, req: Request, answered: Promise<void>): void {
    const job: Promise<void> = answered
      // A context of its own: the request's EntityManager is finished with by then.
      .then(() => RequestContext.create(this.em, () => this.handleRequest(email, req)))
      .catch((error: unknown) => this.logger.error(`A password reset request failed: ${describe(error)}`))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves once every request received so far has been handled (shutdown; tests). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Before the HTTP server and the database close. A request still in flight past this point
   * (answered during the shutdown itself) may find the database gone: it is logged, and its
   * sender asks again.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.whenIdle();
  }

  /** Whether the link still works (known, unused, unexpired); never says which it is not. */
  async isUsable(token: unknown): Promise<boolean> {
    if (!isWellFormedResetToken(token)) return false;
    return (await this.tokens.findUsable(hashResetToken(token), this.clock.now())) !== null;
  }

  /**
   * Spends the link, sets the password and ends every session of the user, together or not at
   * all. bcrypt runs before the transaction, which then holds its connection only briefly; the
   * guarded UPDATE inside it lets only one of two simultaneous submits through.
   */
  async resetPassword(token: unknown, newPassword: string, req: Request): Promise<ResetResult> {
    if (!isWellFormedResetToken(token) || !(await this.isUsable(token))) return { ok: false, reason: 'invalid-link' };
    const hash = await this.users.hashPassword(newPassword);
    const userId = await this.em.transactional(async () => {
      const owner = await this.tokens.spend(hashResetToken(token), this.clock.now());
      if (owner === null) return null; // spent or replaced meanwhile
      await this.users.setPasswordHash(owner, hash);
      // Every session of the user: the version bump signs out even this request's session if it
      // was theirs; the rows of the others go at once. This session (the flash) is kept.
      await this.sessions.endOtherSessions(owner, req.sessionID);
      return owner;
    });
    if (userId === null) return { ok: false, reason: 'invalid-link' };
    await this.loginThrottle.forgiveAccount(userId, req.ip);
    securityEvent(req, 'password_reset.completed', { userId });
    return { ok: true, userId };
  }

  private async handleRequest(email: string, req: Request): Promise<void> {
    if (!(await this.throttle.allow(email, req.ip ?? 'unknown'))) {
      securityEvent(req, 'password_reset.throttled', { identifier: email });
      return;
    }
    // The form accepts only an email address, and no username holds "@": this finds by email.
    const user = await this.users.findByIdentifier(email);
    securityEvent(req, 'password_reset.requested', { identifier: email, userId: user?.id, known: user !== null });
    if (!user) return;

    const token = newResetToken();
    const now = this.clock.now();
    await this.tokens.replace(user.id, hashResetToken(token), now, new Date(now.getTime() + RESET_LINK_LIFETIME_MS));
    // Sent after the write, outside any transaction: a slow mail server holds no connection.
    await this.mailer.send({
      userId: user.id,
      to: user.email,
      username: user.username,
      link: `${this.config.publicUrl}/password/reset/${token}`,
    });
  }
}

/** A database error's message quotes its SQL with the values: only its kind is logged. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, sqlState } = error as Error & { code?: string; sqlState?: string };
  return code || sqlState ? `${error.name} (${sqlState ?? code})` : error.message;
}
