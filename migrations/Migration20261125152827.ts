import { Migration } from '@mikro-orm/migrations';

/** The catalog, with the indexes behind the shop page's filters and sorts. */
export class Migration20261125152827 extends Migration {

  override async up(): Promise<void> {
    // Trigram index for partial, case-insensitive name search. PGlite loads pg_trgm at start-up
    // (see EmbeddedPostgres); a server has it in contrib.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "products" ("id" serial primary key, "name" varchar(120) not null, "description" varchar(2000) not null default '', "category" varchar(60) not null, "stock" int not null, "unit_price" numeric(12,2) not null, "visibility" boolean not null default true, "version" int not null default 1, "created" timestamptz not null default now(), "modified" timestamptz not null default now(), constraint products_unit_price_not_negative check ("unit_price" >= 0), constraint products_stock_not_negative check ("stock" >= 0), constraint products_name_not_blank check (length(btrim("name")) > 0));`);
    this.addSql(`create index "products_name_trgm_index" on "products" using gin (lower("name") gin_trgm_ops);`);
    this.addSql(`create index "products_visible_price_index" on "products" ("unit_price", "id") where "visibility";`);
    this.addSql(`create index "products_visible_category_created_index" on "products" ("category", "created" desc, "id" desc) where "visibility";`);
    this.addSql(`create index "products_visible_created_index" on "products" ("created" desc, "id" desc) where "visibility";`);
    this.addSql(`create index "products_created_index" on "products" ("created" desc, "id" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "products" cascade;`);
  }

}
