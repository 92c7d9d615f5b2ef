import { createHash } from 'node:crypto';
import type { EncodedImage } from './image-encoding';
import type { ImageVariant } from './product-image.entity';

/** Where one size of a picture is, and how big it is (for width/height: no layout shift). */
export interface ImageRef {
  url: string;
  width: number;
  height: number;
}

export type ImageSet = Partial<Record<ImageVariant, ImageRef>>;

export interface ImageFile {
  bytes: Buffer;
  contentType: string;
  hash: string;
  /** False when the picture's product is hidden: then only staff may see it. */
  visible: boolean;
}

/**
 * Where product pictures live. Today PostgreSQL (PostgresImageStore); an object store can
 * take its place behind the same four methods. Writes join the caller's transaction.
 */
export abstract class ImageStore {
  /** Sets the product's picture, deleting what it had before. */
  abstract replace(productId: number, images: EncodedImage[]): Promise<void>;
  abstract remove(productId: number): Promise<void>;
  /** The pictures of these products, by product id (absent: none). */
  abstract describe(productIds: number[]): Promise<Map<number, ImageSet>>;
  abstract read(hash: string): Promise<ImageFile | null>;

  /**
   * describe() as one SQL expression of another statement, for a store that lives in the
   * listing's database: the pictures of the product whose id is in `productIdSql`, read with
   * imageSetFromSql. A page then needs one round trip less. Other stores answer undefined, and
   * their pictures come from describe().
   */
  imageSetSql(_productIdSql: string): string | undefined {
    return undefined;
  }

  imageSetFromSql(_value: unknown): ImageSet {
    return {};
  }
}

/**
 * The key (and URL) of one product's picture: its bytes' hash, bound to the product. Two
 * products given the same file get two URLs, so a hidden product's picture never answers to
 * the public under a visible product's URL. (Migration20261202190000 applies it to the rows
 * stored before, with the same formula in SQL.)
 */
export function productImageKey(productId: number, contentHash: string): string {
  return createHash('sha256').update(`${productId}:${contentHash}`, 'utf8').digest('hex');
}

export function imageUrl(hash: string): string {
  return `/images/${hash}.webp`;
}
