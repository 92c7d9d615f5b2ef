import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import bcrypt from 'bcrypt';
import type { FieldErrors } from '../common/form';
import type { SessionUser } from '../common/session-user';
import { appConfig } from '../config/app.config';
import { RolesService } from '../roles/roles.service';
import { HASHING_SLOTS } from './hashing-slots';
import { User } from './user.entity';

export type AccountResult = { ok: true; user: User } | { ok: false; errors: FieldErrors };

export const USERNAME_TAKEN = 'That username is already taken.';
export const EMAIL_TAKEN = 'An account with that email already exists.';

/** Accounts: creating them, finding them, changing them. */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  hashPassword(password: string): Promise<string> {
    return HASHING_SLOTS.run(() => bcrypt.hash(password, this.config.bcryptCost));
  }

  verifyPassword(user: User, password: string): Promise<boolean> {
    return HASHING_SLOTS.run(() => bcrypt.compare(password, user.password));
  }

  /** Which of these are held by another account (whatever the case); empty when both are free. */
  async findTaken(fields: { username?: string; email?: string }, exceptUserId?: number): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (fields.username && (await this.findOther('username', fields.username, exceptUserId))) {
      errors.username = USERNAME_TAKEN;
    }
    if (fields.email && (await this.findOther('email', fields.email, exceptUserId))) {
      errors.email = EMAIL_TAKEN;
    }
    return errors;
  }

  async register(fields: { username: string; email: string; password: string }): Promise<AccountResult> {
    const taken = await this.findTaken(fields);
    if (Object.keys(taken).length > 0) return { ok: false, errors: taken };
    const user = this.em.create(User, {
      username: fields.username,
      email: fields.email,
      password: await this.hashPassword(fields.password),
    });
    return this.flushUnique(user, fields);
  }

  async updateProfile(userId: number, fields: { username: string; email: string; isPublic: boolean }): Promise<AccountResult> {
    const user = await this.em.findOneOrFail(User, userId);
    const taken = await this.findTaken(fields, userId);
    if (Object.keys(taken).length > 0) return { ok: false, errors: taken };
    user.username = fields.username;
    user.email = fields.email;
    user.isPublic = fields.isPublic;
    return this.flushUnique(user, fields, userId);
  }

  /** Checks the current password (slow: bcrypt), before any transaction is opened. */
  async checkPassword(userId: number, password: string): Promise<boolean> {
    const user = await this.em.findOneOrFail(User, userId);
    return this.verifyPassword(user, password);
  }

  /** Stores an already computed hash; the caller owns the transaction. */
  async setPasswordHash(userId: number, hash: string): Promise<void> {
    await this.em.nativeUpdate(User, { id: userId }, { password: hash, modified: new Date() });
  }

  /**
   * By username or by email, either in any case. Case is folded by the database's lower() on
   * both sides, the function its unique indexes use: JavaScript's toLowerCase() folds some
   * letters differently (a final Greek sigma), which would let a name be "free" in code and
   * taken in the index.
   */
  findByIdentifier(identifier: string): Promise<User | null> {
    const value = identifier.trim();
    return this.em
      .createQueryBuilder(User, 'u')
      .where('lower(u.username) = lower(?) or lower(u.email) = lower(?)', [value, value])
      .getSingleResult();
  }

  /** By username only (never by email), in any case: the database's lower(), as its unique index. */
  findByUsername(username: string): Promise<User | null> {
    return this.em.createQueryBuilder(User, 'u').where('lower(u.username) = lower(?)', [username]).getSingleResult();
  }

  findById(id: number): Promise<User | null> {
    return this.em.findOne(User, id);
  }

  async toSessionUser(user: User): Promise<SessionUser> {
    return {
      id: user.id,
      username: user.username,
      email: user.email,
      roles: await this.roles.activeRoleNames(user.id),
      sessionVersion: user.sessionVersion,
    };
  }

  private findOther(column: 'username' | 'email', value: string, exceptUserId?: number) {
    const qb = this.em.createQueryBuilder(User, 'u').select('u.id').where(`lower(u.${column}) = lower(?)`, [value]);
    if (exceptUserId !== undefined) qb.andWhere('u.id <> ?', [exceptUserId]);
    return qb.getSingleResult();
  }

  /**
   * Two people may race for one name: the unique index decides, and the loser gets the same
   * friendly answer as if the name had been taken all along.
   */
  private async flushUnique(
    user: User,
    fields: { username: string; email: string },
    exceptUserId?: number,
  ): Promise<AccountResult> {
    try {
      await this.em.persistAndFlush(user);
      return { ok: true, user };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      this.em.clear();
      const taken = await this.findTaken(fields, exceptUserId);
      return { ok: false, errors: Object.keys(taken).length > 0 ? taken : { username: USERNAME_TAKEN } };
    }
  }
}
