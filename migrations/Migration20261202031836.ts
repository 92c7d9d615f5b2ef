import { Migration } from '@mikro-orm/migrations';

/** orders.address holds the longest address the checkout form allows (702 characters). */
export class Migration20261202031836 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "orders" alter column "address" type varchar(1000) using ("address"::varchar(1000));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "orders" alter column "address" type varchar(500) using ("address"::varchar(500));`);
  }

}
