import { Collection, Entity, Index, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { UserRole } from '../roles/user-role.entity';
import { Timestamped } from '../database/timestamped.entity';

/** Usernames and emails are unique whatever their case; the database decides races. */
@Entity({ tableName: 'users' })
@Index({
  name: 'users_username_lower_unique',
  expression: 'create unique index "users_username_lower_unique" on "users" (lower("username"))',
})
@Index({
  name: 'users_email_lower_unique',
  expression: 'create unique index "users_email_lower_unique" on "users" (lower("email"))',
})
// Staff's order history **Buyer** filter (part of a username, any case): lower(username) LIKE.
@Index({
  name: 'users_username_trgm_index',
  expression: 'create index "users_username_trgm_index" on "users" using gin (lower("username") gin_trgm_ops)',
})
export class User extends Timestamped<'sessionVersion' | 'isPublic'> {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 30 })
  username!: string;

  /** Stored as typed; compared lower-case. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  /** The bcrypt hash (always 60 characters), never the password itself. */
  @Property({ type: 'string', length: 60, hidden: true, lazy: false })
  password!: string;

  /**
   * Copied into every session at log-in; raising it (a password change) ends every session
   * that holds an older number, even one whose request was in flight at that moment.
   */
  @Property({ type: 'integer', default: 1 })
  sessionVersion: number = 1;

  /** Whether /users/:username shows this user's profile to others (their reviews, never the email). */
  @Property({ type: 'boolean', default: false })
  isPublic: boolean = false;

  @OneToMany(() => UserRole, (userRole) => userRole.user)
  userRoles = new Collection<UserRole>(this);
}
