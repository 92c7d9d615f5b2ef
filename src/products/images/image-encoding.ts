import { createHash } from 'node:crypto';
import { loadSharp } from './load-sharp';
import type { ImageVariant } from './product-image.entity';

/** The contract's limit for an uploaded picture. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** What the pages need: cards and lists (cropped alike, so a grid lines up), and the details page. */
const VARIANTS: { variant: ImageVariant; width: number; height: number; fit: 'cover' | 'inside' }[] = [
  { variant: 'card', width: 320, height: 240, fit: 'cover' },
  { variant: 'large', width: 960, height: 960, fit: 'inside' },
];

export interface EncodedImage {
  variant: ImageVariant;
  contentType: 'image/webp';
  width: number;
  height: number;
  bytes: Buffer;
  hash: string;
}

export type EncodeResult = { ok: true; images: EncodedImage[] } | { ok: false; message: string };

export const IMAGE_MESSAGES = {
  tooLarge: 'The image can be at most 2 MB.',
  wrongType: 'The image must be a JPEG, PNG or WebP file.',
  unreadable: 'This image could not be read: please choose another file.',
};

/** The type told by the file's first bytes, never by its name or the browser's claim. */
export function sniffImageType(bytes: Buffer): 'jpeg' | 'png' | 'webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * Decodes an upload and re-encodes it as WebP in every size the pages use. Re-encoding drops
 * all metadata (EXIF, GPS, ICC comments) and anything hidden after the image data; the picture
 * is turned upright first, since its EXIF orientation goes too.
 */
export async function encodeProductImage(bytes: Buffer): Promise<EncodeResult> {
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, message: IMAGE_MESSAGES.tooLarge };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, message: IMAGE_MESSAGES.wrongType };
  const sharp = await loadSharp();
  try {
    // A decompression bomb (a small file of huge dimensions) is refused before it is decoded.
    const input = () => sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error', animated: false });
    const metadata = await input().metadata();
    if (metadata.format !== type) return { ok: false, message: IMAGE_MESSAGES.wrongType };
    const images: EncodedImage[] = [];
    for (const size of VARIANTS) {
      const { data, info } = await input()
        .rotate()
        .resize({ width: size.width, height: size.height, fit: size.fit, withoutEnlargement: size.fit === 'inside' })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      images.push({
        variant: size.variant,
        contentType: 'image/webp',
        width: info.width,
        height: info.height,
        bytes: data,
        hash: createHash('sha256').update(data).digest('hex'),
      });
    }
    return { ok: true, images };
  } catch {
    return { ok: false, message: IMAGE_MESSAGES.unreadable };
  }
}
