import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Product } from '../product.entity';

/** The sizes a product's picture is kept in: cards and lists, and the details page. */
export type ImageVariant = 'card' | 'large';

/**
 * One encoded size of a product's picture, bytes included, so every app process and every
 * backup see the same images. Only PostgresImageStore reads or writes this table.
 */
@Entity({ tableName: 'product_images' })
@Unique({ name: 'product_images_product_variant_unique', properties: ['product', 'variant'] })
export class ProductImage {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Product, { deleteRule: 'cascade' })
  product!: Rel<Product>;

  @Property({ type: 'string', length: 10 })
  variant!: ImageVariant;

  /** SHA-256 of the bytes: the URL's name, and the ETag. */
  @Index({ name: 'product_images_hash_index' })
  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'string', length: 40, fieldName: 'content_type' })
  contentType!: string;

  @Property({ type: 'integer' })
  width!: number;

  @Property({ type: 'integer' })
  height!: number;

  @Property({ type: 'blob', lazy: true })
  bytes!: Buffer;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  created: Date = new Date();
}
