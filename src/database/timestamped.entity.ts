import { OptionalProps, Property } from '@mikro-orm/core';

/**
 * The `created` and `modified` timestamps that most tables carry (the contract's columns):
 * set by the database on insert, `modified` moved on every update through the ORM. Raw SQL
 * that updates such a row sets `modified = now()` itself. Not an entity of its own: MikroORM
 * copies these properties into every entity that extends it.
 *
 * `Optional` names the entity's other properties that have defaults.
 */
export abstract class Timestamped<Optional extends string = never> {
  [OptionalProps]?: 'created' | 'modified' | Optional;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  created: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  modified: Date = new Date();
}
