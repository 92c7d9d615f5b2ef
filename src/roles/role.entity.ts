import { OptionalProps, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const ROLE_NAMES = ['admin', 'shop_owner'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

@Entity({ tableName: 'roles' })
export class Role {
  [OptionalProps]?: 'created' | 'modified' | 'description' | 'isActive';

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

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  created: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  modified: Date = new Date();
}
