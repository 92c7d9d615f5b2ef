import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { EncodedImage } from './image-encoding';
import { ImageStore, imageUrl, productImageKey, type ImageFile, type ImageSet } from './image-store';
import type { ImageVariant } from './product-image.entity';

interface ImageRow {
  variant: ImageVariant;
  hash: string;
  width: number;
  height: number;
}

function withImage(set: ImageSet, row: ImageRow): ImageSet {
  set[row.variant] = { url: imageUrl(row.hash), width: row.width, height: row.height };
  return set;
}

/** Pictures as `bytea` rows of product_images, so every process and every backup has them. */
@Injectable()
export class PostgresImageStore extends ImageStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async replace(productId: number, images: EncodedImage[]): Promise<void> {
    await this.remove(productId);
    for (const image of images) {
      await this.em.execute(
        `insert into product_images (product_id, variant, hash, content_type, width, height, bytes) values (?, ?, ?, ?, ?, ?, ?)`,
        [productId, image.variant, productImageKey(productId, image.hash), image.contentType, image.width, image.height, image.bytes],
      );
    }
  }

  async remove(productId: number): Promise<void> {
    await this.em.execute(`delete from product_images where product_id = ?`, [productId]);
  }

  async describe(productIds: number[]): Promise<Map<number, ImageSet>> {
    const sets = new Map<number, ImageSet>();
    if (productIds.length === 0) return sets;
    const rows: (ImageRow & { product_id: number })[] = await this.em.execute(
      `select product_id, variant, hash, width, height from product_images where product_id in (?)`,
      [productIds],
    );
    for (const row of rows) sets.set(row.product_id, withImage(sets.get(row.product_id) ?? {}, row));
    return sets;
  }

  override imageSetSql(productIdSql: string): string {
    return `(select json_agg(json_build_object('variant', i.variant, 'hash', i.hash, 'width', i.width, 'height', i.height))
               from product_images i where i.product_id = ${productIdSql})`;
  }

  override imageSetFromSql(value: unknown): ImageSet {
    return (Array.isArray(value) ? (value as ImageRow[]) : []).reduce(withImage, {});
  }

  async read(hash: string): Promise<ImageFile | null> {
    const [row]: { bytes: Buffer; content_type: string; visible: boolean }[] = await this.em.execute(
      `select i.bytes, i.content_type, p.visibility as visible
         from product_images i join products p on p.id = i.product_id
        where i.hash = ? limit 1`,
      [hash],
    );
    return row ? { bytes: row.bytes, contentType: row.content_type, hash, visible: row.visible } : null;
  }
}
