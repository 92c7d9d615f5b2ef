import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
// Rel<> keeps the relation's type out of decorator metadata: entities import each other.
import type { Rel } from '@mikro-orm/core';
import { User } from '../users/user.entity';
import { Role } from './role.entity';
import { Timestamped } from '../database/timestamped.entity';

/** A grant of a role to a user. Revoking sets isActive = false, so history is kept. */
@Entity({ tableName: 'user_roles' })
@Unique({ name: 'user_roles_user_id_role_id_unique', properties: ['user', 'role'] })
export class UserRole extends Timestamped<'isActive'> {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Index({ name: 'user_roles_role_id_index' })
  @ManyToOne(() => Role, { deleteRule: 'restrict' })
  role!: Rel<Role>;

  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;
}
