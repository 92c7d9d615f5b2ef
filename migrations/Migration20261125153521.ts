import { Migration } from '@mikro-orm/migrations';

/** Lets a password change end every other session of the user. */
export class Migration20261125153521 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "session_version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "session_version";`);
  }

}
