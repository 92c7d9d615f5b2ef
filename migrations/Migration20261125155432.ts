import { Migration } from '@mikro-orm/migrations';

/** Orders and their lines, written by checkout's one transaction. */
export class Migration20261125155432 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "orders" ("id" serial primary key, "user_id" int not null, "created" timestamptz not null default now(), "total_price" numeric(12,2) not null, "address" varchar(500) not null, "address_fields" jsonb not null, "payment_method" varchar(20) not null, "money_received" numeric(12,2) not null, "checkout_token" varchar(64) not null, constraint orders_payment_method_known check ("payment_method" in ('Cash', 'Visa', 'MasterCard', 'Amex')), constraint orders_money_received_covers_total check ("money_received" >= "total_price"), constraint orders_total_price_not_negative check ("total_price" >= 0));`);
    this.addSql(`alter table "orders" add constraint "orders_checkout_token_unique" unique ("checkout_token");`);
    this.addSql(`create index "orders_created_index" on "orders" ("created");`);
    this.addSql(`create index "orders_user_id_created_index" on "orders" ("user_id", "created");`);

    this.addSql(`create table "order_items" ("id" serial primary key, "order_id" int not null, "product_id" int not null, "product_name" varchar(120) not null, "quantity" int not null, "unit_price" numeric(12,2) not null, constraint order_items_unit_price_not_negative check ("unit_price" >= 0), constraint order_items_quantity_positive check ("quantity" > 0));`);
    this.addSql(`create index "order_items_order_id_index" on "order_items" ("order_id");`);

    this.addSql(`alter table "orders" add constraint "orders_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "order_items" add constraint "order_items_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "order_items" add constraint "order_items_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_items" drop constraint "order_items_order_id_foreign";`);

    this.addSql(`drop table if exists "orders" cascade;`);

    this.addSql(`drop table if exists "order_items" cascade;`);
  }

}
