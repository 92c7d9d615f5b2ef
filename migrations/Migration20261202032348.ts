import { Migration } from '@mikro-orm/migrations';

/** Order status (placed, shipped, delivered, cancelled) with the time and actor of each move; history indexes. */
export class Migration20261202032348 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "orders" add column "status" varchar(20) not null default 'placed', add column "shipped_at" timestamptz null, add column "shipped_by" int null, add column "delivered_at" timestamptz null, add column "delivered_by" int null, add column "cancelled_at" timestamptz null, add column "cancelled_by" int null;`);
    this.addSql(`alter table "orders" add constraint "orders_shipped_by_foreign" foreign key ("shipped_by") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "orders" add constraint "orders_delivered_by_foreign" foreign key ("delivered_by") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "orders" add constraint "orders_cancelled_by_foreign" foreign key ("cancelled_by") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "orders_status_created_index" on "orders" ("status", "created" desc, "id" desc);`);
    this.addSql(`alter table "orders" add constraint orders_status_times check(("status" not in ('shipped', 'delivered') or "shipped_at" is not null) and ("status" <> 'delivered' or "delivered_at" is not null) and ("status" <> 'cancelled' or "cancelled_at" is not null));`);
    this.addSql(`alter table "orders" add constraint orders_status_known check("status" in ('placed', 'shipped', 'delivered', 'cancelled'));`);

    this.addSql(`create index "order_items_product_id_index" on "order_items" ("product_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "orders" drop constraint "orders_shipped_by_foreign";`);
    this.addSql(`alter table "orders" drop constraint "orders_delivered_by_foreign";`);
    this.addSql(`alter table "orders" drop constraint "orders_cancelled_by_foreign";`);

    this.addSql(`drop index "orders_status_created_index";`);
    this.addSql(`alter table "orders" drop constraint orders_status_times;`);
    this.addSql(`alter table "orders" drop constraint orders_status_known;`);
    this.addSql(`alter table "orders" drop column "status", drop column "shipped_at", drop column "shipped_by", drop column "delivered_at", drop column "delivered_by", drop column "cancelled_at", drop column "cancelled_by";`);

    this.addSql(`drop index "order_items_product_id_index";`);
  }

}
