import { Migration } from '@mikro-orm/migrations';

/**
 * Reviews: one rating (1–5) and comment per buyer and product, hideable by staff; each product's
 * average and count kept beside it for the "Top rated" sort; public profiles (`users.is_public`).
 */
export class Migration20261202061008 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ratings" ("id" serial primary key, "created" timestamptz not null default now(), "modified" timestamptz not null default now(), "product_id" int not null, "user_id" int not null, "rating" smallint not null, "comment" text not null default '', "is_visible" boolean not null default true, constraint ratings_comment_length check (length("comment") <= 2000), constraint ratings_rating_range check ("rating" between 1 and 5));`);
    this.addSql(`create index "ratings_user_created_index" on "ratings" ("user_id", "created" desc, "id" desc);`);
    this.addSql(`create index "ratings_product_visible_created_index" on "ratings" ("product_id", "created" desc, "id" desc) where "is_visible";`);
    this.addSql(`alter table "ratings" add constraint "ratings_product_id_user_id_unique" unique ("product_id", "user_id");`);

    this.addSql(`alter table "ratings" add constraint "ratings_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ratings" add constraint "ratings_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "products" add column "average_rating" numeric(5,4) null, add column "rating_count" int not null default 0;`);
    this.addSql(`create index "products_rating_index" on "products" ("average_rating" desc nulls last, "rating_count" desc, "id");`);
    this.addSql(`create index "products_visible_rating_index" on "products" ("average_rating" desc nulls last, "rating_count" desc, "id") where "visibility";`);
    this.addSql(`alter table "products" add constraint products_rating_count_not_negative check("rating_count" >= 0);`);

    this.addSql(`alter table "users" add column "is_public" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ratings" cascade;`);

    this.addSql(`drop index "products_rating_index";`);
    this.addSql(`drop index "products_visible_rating_index";`);
    this.addSql(`alter table "products" drop constraint products_rating_count_not_negative;`);
    this.addSql(`alter table "products" drop column "average_rating", drop column "rating_count";`);

    this.addSql(`alter table "users" drop column "is_public";`);
  }

}
