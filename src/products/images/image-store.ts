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
  /** False when every product using these bytes is hidden: then only staff may see them. */
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
}

export function imageUrl(hash: string): string {
  return `/images/${hash}.webp`;
}
