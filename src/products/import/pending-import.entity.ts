import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { User } from '../../users/user.entity';
import type { ImportRow } from './import-rows';

/**
 * A previewed CSV import, kept on the server between the preview and **Apply import** so the
 * rows are never re-trusted from the browser. Owned by the staff member who uploaded it.
 */
@Entity({ tableName: 'pending_imports' })
export class PendingImport {
  /** Random, unguessable: it is part of the apply URL. */
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'json' })
  rows!: ImportRow[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  created!: Date;

  @Index({ name: 'pending_imports_expires_index' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expires!: Date;
}
