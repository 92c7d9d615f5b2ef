import { Migration } from '@mikro-orm/migrations';

/**
 * A picture's key becomes its bytes' hash bound to its product (productImageKey in
 * src/products/images/image-store.ts, the same formula): two products given the same file
 * shared one URL, and a hidden product's picture answered to anyone through it.
 */
export class Migration20261202190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "product_images" set "hash" = encode(sha256(convert_to("product_id"::text || ':' || "hash", 'UTF8')), 'hex');`);
  }

  override async down(): Promise<void> {
    // The product-free hash cannot be recomputed from the key; the keys keep working as they are.
  }
}
