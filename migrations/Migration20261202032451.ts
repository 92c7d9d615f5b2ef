import { Migration } from '@mikro-orm/migrations';

/**
 * Catalog growth: product images (bytes in PostgreSQL), pending CSV imports owned by a staff
 * member, and the indexes behind staff's "Stock at most" filter and the out-of-stock count.
 */
export class Migration20261202032451 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "product_images" ("id" serial primary key, "product_id" int not null, "variant" varchar(10) not null, "hash" varchar(64) not null, "content_type" varchar(40) not null, "width" int not null, "height" int not null, "bytes" bytea not null, "created" timestamptz not null default now());`);
    this.addSql(`create index "product_images_hash_index" on "product_images" ("hash");`);
    this.addSql(`alter table "product_images" add constraint "product_images_variant_known" check ("variant" in ('card', 'large'));`);
    this.addSql(`alter table "product_images" add constraint "product_images_size_positive" check ("width" > 0 and "height" > 0);`);
    this.addSql(`alter table "product_images" add constraint "product_images_product_variant_unique" unique ("product_id", "variant");`);

    this.addSql(`create table "pending_imports" ("id" varchar(32) not null, "user_id" int not null, "rows" jsonb not null, "created" timestamptz not null, "expires" timestamptz not null, constraint "pending_imports_pkey" primary key ("id"));`);
    this.addSql(`create index "pending_imports_expires_index" on "pending_imports" ("expires");`);

    this.addSql(`alter table "product_images" add constraint "product_images_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "pending_imports" add constraint "pending_imports_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`create index "products_stock_index" on "products" ("stock", "id");`);
    this.addSql(`create index "products_out_of_stock_index" on "products" ("id") where "stock" = 0 and "visibility";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "product_images" cascade;`);

    this.addSql(`drop table if exists "pending_imports" cascade;`);

    this.addSql(`drop index "products_stock_index";`);
    this.addSql(`drop index "products_out_of_stock_index";`);
  }

}
