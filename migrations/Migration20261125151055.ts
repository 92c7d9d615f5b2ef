import { Migration } from '@mikro-orm/migrations';

/** Accounts and roles, plus the two tables the infrastructure keeps in PostgreSQL. */
export class Migration20261125151055 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "roles" ("id" serial primary key, "name" varchar(30) not null, "description" varchar(200) not null default '', "is_active" boolean not null default true, "created" timestamptz not null default now(), "modified" timestamptz not null default now());`);
    this.addSql(`alter table "roles" add constraint "roles_name_unique" unique ("name");`);

    this.addSql(`create table "users" ("id" serial primary key, "username" varchar(30) not null, "email" varchar(254) not null, "password" varchar(60) not null, "created" timestamptz not null default now(), "modified" timestamptz not null default now());`);
    this.addSql(`create unique index "users_email_lower_unique" on "users" (lower("email"));`);
    this.addSql(`create unique index "users_username_lower_unique" on "users" (lower("username"));`);

    this.addSql(`create table "user_roles" ("id" serial primary key, "user_id" int not null, "role_id" int not null, "is_active" boolean not null default true, "created" timestamptz not null default now(), "modified" timestamptz not null default now());`);
    this.addSql(`alter table "user_roles" add constraint "user_roles_user_id_role_id_unique" unique ("user_id", "role_id");`);

    this.addSql(`alter table "user_roles" add constraint "user_roles_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_roles" add constraint "user_roles_role_id_foreign" foreign key ("role_id") references "roles" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "user_roles_role_id_index" on "user_roles" ("role_id");`);

    this.addSql(`insert into "roles" ("name", "description") values
      ('admin', 'Manages users and roles, and everything staff can do'),
      ('shop_owner', 'Manages the catalog and sees every order');`);

    // express-session's store (connect-pg-simple's table.sql), shared by every app process.
    this.addSql(`create table "session" ("sid" varchar not null primary key, "sess" json not null, "expire" timestamp(6) not null);`);
    this.addSql(`create index "session_expire_index" on "session" ("expire");`);

    // Failed log-in counters (rate-limiter-flexible's RateLimiterPostgres schema).
    this.addSql(`create table "login_limits" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_limits";`);
    this.addSql(`drop table if exists "session";`);
    this.addSql(`drop table if exists "user_roles";`);
    this.addSql(`drop table if exists "users";`);
    this.addSql(`drop table if exists "roles";`);
  }

}
