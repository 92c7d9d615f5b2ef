import { Migration } from '@mikro-orm/migrations';

/** A checkout token is unique per buyer: another buyer's token can neither collide nor block. */
export class Migration20261125162124 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "orders" drop constraint "orders_checkout_token_unique";`);

    this.addSql(`alter table "orders" add constraint "orders_user_id_checkout_token_unique" unique ("user_id", "checkout_token");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "orders" drop constraint "orders_user_id_checkout_token_unique";`);

    this.addSql(`alter table "orders" add constraint "orders_checkout_token_unique" unique ("checkout_token");`);
  }

}
