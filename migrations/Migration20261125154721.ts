import { Migration } from '@mikro-orm/migrations';

/** The cart: one row per (user, product). */
export class Migration20261125154721 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "cart" ("id" serial primary key, "product_id" int not null, "user_id" int not null, "desired_quantity" int not null, "unit_price" numeric(12,2) not null, "created" timestamptz not null default now(), "modified" timestamptz not null default now(), constraint cart_unit_price_not_negative check ("unit_price" >= 0), constraint cart_desired_quantity_positive check ("desired_quantity" > 0));`);
    this.addSql(`create index "cart_product_id_index" on "cart" ("product_id");`);
    this.addSql(`alter table "cart" add constraint "cart_user_id_product_id_unique" unique ("user_id", "product_id");`);

    this.addSql(`alter table "cart" add constraint "cart_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "cart" add constraint "cart_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cart" cascade;`);
  }

}
