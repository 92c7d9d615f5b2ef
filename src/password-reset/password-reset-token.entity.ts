import { Entity, OneToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { User } from '../users/user.entity';

/**
 * The one live reset link of a user. Only the SHA-256 of the token is kept, so a copy of the
 * table opens nothing. One row per user: asking again replaces the hash (an upsert), which is
 * what makes every older link of that user useless, even when two requests race.
 */
@Entity({ tableName: 'password_reset_tokens' })
export class PasswordResetToken {
  [OptionalProps]?: 'used' | 'created';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @OneToOne(() => User, { owner: true, deleteRule: 'cascade' })
  user!: User;

  /** Hex SHA-256 of the token in the link. */
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expires!: Date;

  /** Set once, by the guarded UPDATE that spends the link. */
  @Property({ type: 'boolean', default: false })
  used: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  created: Date = new Date();
}
