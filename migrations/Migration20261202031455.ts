import { Migration } from '@mikro-orm/migrations';

/**
 * Password reset links: one row per user, holding only the SHA-256 of the token (a CHECK keeps
 * anything else, such as a token itself, out of the column), its expiry and whether it was used.
 */
export class Migration20261202031455 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "password_reset_tokens" ("id" serial primary key, "user_id" int not null, "token_hash" varchar(64) not null, "expires" timestamptz not null, "used" boolean not null default false, "created" timestamptz not null default now());`);
    this.addSql(`alter table "password_reset_tokens" add constraint "password_reset_tokens_user_id_unique" unique ("user_id");`);
    this.addSql(`alter table "password_reset_tokens" add constraint "password_reset_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "password_reset_tokens" add constraint "password_reset_tokens_token_hash_check" check ("token_hash" ~ '^[0-9a-f]{64}$');`);

    this.addSql(`alter table "password_reset_tokens" add constraint "password_reset_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "password_reset_tokens" cascade;`);
  }

}
