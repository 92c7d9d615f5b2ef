import { Migration } from '@mikro-orm/migrations';

/**
 * Order history at 1,000,000 orders (`npm run bench:orders`): list-order indexes that end in the
 * id (no sort for a page), a covering created index for the totals and the dashboard, the two
 * order_items directions for the category semi-join, and a trigram index for **Buyer**.
 */
export class Migration20261202070000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "users_username_trgm_index" on "users" using gin (lower("username") gin_trgm_ops);`);

    this.addSql(`drop index "orders_created_index";`);
    this.addSql(`drop index "orders_user_id_created_index";`);

    this.addSql(`create index "orders_total_price_index" on "orders" ("total_price", "created", "id");`);
    this.addSql(`create index "orders_created_id_index" on "orders" ("created" desc, "id" desc) include ("total_price", "status");`);
    this.addSql(`create index "orders_user_created_index" on "orders" ("user_id", "created" desc, "id" desc);`);

    this.addSql(`drop index "order_items_order_id_index";`);
    this.addSql(`drop index "order_items_product_id_index";`);

    this.addSql(`create index "order_items_product_order_index" on "order_items" ("product_id", "order_id") include ("quantity", "unit_price");`);
    this.addSql(`create index "order_items_order_product_index" on "order_items" ("order_id", "product_id") include ("quantity", "unit_price");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "users_username_trgm_index";`);

    this.addSql(`drop index "orders_total_price_index";`);
    this.addSql(`drop index "orders_created_id_index";`);
    this.addSql(`drop index "orders_user_created_index";`);

    this.addSql(`create index "orders_created_index" on "orders" ("created");`);
    this.addSql(`create index "orders_user_id_created_index" on "orders" ("user_id", "created");`);

    this.addSql(`drop index "order_items_product_order_index";`);
    this.addSql(`drop index "order_items_order_product_index";`);

    this.addSql(`create index "order_items_order_id_index" on "order_items" ("order_id");`);
    this.addSql(`create index "order_items_product_id_index" on "order_items" ("product_id");`);
  }

}
