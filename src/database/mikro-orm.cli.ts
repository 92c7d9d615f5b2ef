/**
 * Configuration for the MikroORM CLI (`npm run migration:create`). It connects to DATABASE_URL,
 * or to a throw-away in-memory embedded PostgreSQL: new migrations are diffed against the
 * committed snapshot, not against whatever a database holds.
 */
import { EmbeddedPostgres } from './embedded-postgres';
import { ormOptions } from './orm-options';

export default async function cliConfig() {
  if (process.env.DATABASE_URL) return ormOptions(process.env.DATABASE_URL, { embedded: false, cli: true });
  const embedded = new EmbeddedPostgres('memory://');
  const url = await embedded.start();
  // Let the CLI process exit once MikroORM has closed its connections.
  embedded.unrefWhenIdle();
  return ormOptions(url, { embedded: true, cli: true });
}
