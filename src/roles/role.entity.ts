import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Timestamped } from '../database/timestamped.entity';

export const ROLE_NAMES = ['admin', 'shop_owner'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

@Entity({ tableName: 'roles' })
export class Role extends Timestamped<'description' | 'isActive'> {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Unique({ name: 'roles_name_unique' })
  @Property({ type: 'string', length: 30 })
  name!: string;

  @Property({ type: 'string', length: 200, default: '' })
  description: string = '';

  /** A deactivated role grants nothing, whoever holds it. */
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;
}
