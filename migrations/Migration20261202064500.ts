import { Migration } from '@mikro-orm/migrations';

/**
 * Two indexes for a category with a price or Top rated sort; and the catalog's version: one counter that every statement changing which categories exist
 * (insert, delete, truncate, or an update of `category` or `visibility`) moves, in that
 * statement's transaction. Every app process reads it with the shop's list (no extra round
 * trip) and reloads its cached categories when it moved, so the cache holds across processes
 * and whoever writes (the ORM, an import, raw SQL). Stock and rating updates do not move it.
 */
export class Migration20261202064500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "catalog_version" ("id" smallint primary key default 1, "version" bigint not null default 0, constraint catalog_version_one_row check ("id" = 1));`);
    this.addSql(`insert into "catalog_version" ("id", "version") values (1, 0);`);
    this.addSql(`create function "catalog_version_bump"() returns trigger language plpgsql as $$
      begin
        update "catalog_version" set "version" = "version" + 1 where "id" = 1;
        return null;
      end $$;`);
    this.addSql(`create trigger "products_catalog_version" after insert or delete or truncate or update of "category", "visibility" on "products"
      for each statement execute function "catalog_version_bump"();`);
    // A category with a price or Top rated sort, to its 100th page (see product.entity.ts).
    this.addSql(`create index "products_visible_category_price_index" on "products" ("category", "unit_price", "id") where "visibility";`);
    this.addSql(`create index "products_visible_category_rating_index" on "products" ("category", "average_rating" desc nulls last, "rating_count" desc, "id") where "visibility";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "products_visible_category_price_index";`);
    this.addSql(`drop index if exists "products_visible_category_rating_index";`);
    this.addSql(`drop trigger if exists "products_catalog_version" on "products";`);
    this.addSql(`drop function if exists "catalog_version_bump"();`);
    this.addSql(`drop table if exists "catalog_version";`);
  }
}
