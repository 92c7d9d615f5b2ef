import { Migration } from '@mikro-orm/migrations';

/** Staff sort every product (hidden ones too) by price. */
export class Migration20261125160243 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "products_price_index" on "products" ("unit_price", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "products_price_index";`);
  }

}
