import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * The SQL behind reset links. Each statement decides on its own, so races need no lock: the
 * upsert leaves one live hash per user, and the guarded UPDATE spends a link at most once.
 * Expiry is compared with the app's clock (passed in), never the database's, so tests move it.
 */
@Injectable()
export class ResetTokensRepository {
  constructor(private readonly em: EntityManager) {}

  /** Stores this link for the user, replacing (and so voiding) whatever link they had. */
  async replace(userId: number, tokenHash: string, now: Date, expires: Date): Promise<void> {
    await this.em.execute(
      `insert into password_reset_tokens (user_id, token_hash, expires, used, created) values (?, ?, ?, false, ?)
       on conflict (user_id) do update
         set token_hash = excluded.token_hash, expires = excluded.expires, used = false, created = excluded.created`,
      [userId, tokenHash, expires, now],
    );
  }

  /** The user whose link this is, while it is unused and unexpired; else null. */
  async findUsable(tokenHash: string, now: Date): Promise<number | null> {
    const [row]: { user_id: number }[] = await this.em.execute(
      `select user_id from password_reset_tokens where token_hash = ? and not used and expires > ?`,
      [tokenHash, now],
    );
    return row?.user_id ?? null;
  }

  /** Marks the link used if it still is usable; the user's id when this call spent it. */
  async spend(tokenHash: string, now: Date): Promise<number | null> {
    const [row]: { user_id: number }[] = await this.em.execute(
      `update password_reset_tokens set used = true
        where token_hash = ? and not used and expires > ?
        returning user_id`,
      [tokenHash, now],
    );
    return row?.user_id ?? null;
  }
}
