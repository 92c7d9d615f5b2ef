import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions name their user in a column the database derives from the session's JSON (a stored
 * generated column, so connect-pg-simple writes it without knowing), indexed: ending a user's
 * other sessions is one index lookup instead of a scan that parses every session.
 */
export class Migration20261202032000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "session" add column "user_id" integer generated always as (("sess" #>> '{passport,user,id}')::integer) stored;`,
    );
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "session_user_id_index";`);
    this.addSql(`alter table "session" drop column "user_id";`);
  }
}
