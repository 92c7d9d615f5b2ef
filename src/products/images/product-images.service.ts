import { Injectable } from '@nestjs/common';
import { encodeProductImage, IMAGE_MESSAGES, MAX_IMAGE_BYTES, type EncodedImage } from './image-encoding';
import { ImageStore, type ImageFile, type ImageRef, type ImageSet } from './image-store';

/** The file a multipart form sent in its image field, as the upload middleware left it. */
export interface Upload {
  buffer: Buffer;
  size: number;
}

/** What to do with a product's picture on save. */
export type ImageChange = { kind: 'replace'; images: EncodedImage[] } | { kind: 'remove' };

export type PreparedImage = { ok: true; change?: ImageChange } | { ok: false; message: string };

/** What a template needs to show a picture, or the placeholder when `src` is absent. */
export interface ImageView extends Partial<ImageRef> {
  lazy: boolean;
}

/** Product pictures: checking and encoding an upload, and what the pages show. */
@Injectable()
export class ProductImagesService {
  constructor(private readonly store: ImageStore) {}

  /**
   * The upload (if a file was chosen) checked and encoded, or a message for beside **Image**.
   * Done before the transaction opens: decoding is CPU work that must not hold row locks.
   */
  async prepare(upload: { file?: Upload; tooLarge?: boolean; remove?: boolean }): Promise<PreparedImage> {
    if (upload.tooLarge || (upload.file && upload.file.size > MAX_IMAGE_BYTES)) return { ok: false, message: IMAGE_MESSAGES.tooLarge };
    if (upload.file && upload.file.size > 0) {
      const encoded = await encodeProductImage(upload.file.buffer);
      return encoded.ok ? { ok: true, change: { kind: 'replace', images: encoded.images } } : encoded;
    }
    return { ok: true, change: upload.remove ? { kind: 'remove' } : undefined };
  }

  /** Applies a change inside the caller's transaction; replacing deletes the old rows. */
  async apply(productId: number, change: ImageChange): Promise<void> {
    if (change.kind === 'remove') await this.store.remove(productId);
    else await this.store.replace(productId, change.images);
  }

  describe(productIds: number[]): Promise<Map<number, ImageSet>> {
    return this.store.describe(productIds);
  }

  /** See ImageStore.imageSetSql: the pictures inside a listing's own statement, when the store can. */
  imageSetSql(productIdSql: string): string | undefined {
    return this.store.imageSetSql(productIdSql);
  }

  imageSetFromSql(value: unknown): ImageSet {
    return this.store.imageSetFromSql(value);
  }

  /**
   * Card pictures for a list, by product id (`readWithList` when the list's statement read them).
   * Those past the first `eager` rows are below the fold on most screens, so the browser loads
   * them lazily.
   */
  async cards(productIds: number[], eager = 4, readWithList?: Map<number, ImageSet>): Promise<Record<number, ImageView>> {
    const sets = readWithList ?? (await this.store.describe(productIds));
    return Object.fromEntries(productIds.map((id, index) => [id, { ...sets.get(id)?.card, lazy: index >= eager }]));
  }

  /** The bytes behind an image URL, if this viewer may see them (hidden products: staff only). */
  async file(hash: string, viewer: { staff: boolean }): Promise<ImageFile | null> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    const file = await this.store.read(hash);
    return file && (file.visible || viewer.staff) ? file : null;
  }
}
