import { Migration } from '@mikro-orm/migrations';

/** Lets staff pages list every category without reading every product. */
export class Migration20261125154447 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "products_category_index" on "products" ("category");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "products_category_index";`);
  }

}
