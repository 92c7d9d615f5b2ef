import { createHash } from 'node:crypto';
import { loadSharp } from './images/load-sharp';
import type { EncodedImage } from './images/image-encoding';
import type { ImageVariant } from './images/product-image.entity';

const CATEGORY_COLOURS: Record<string, string> = {
  Kitchen: '#2f6f8f', Clothing: '#8f3f5f', Stationery: '#5f6f2f', Toys: '#c0762b', Home: '#6a4f9a', Outdoor: '#2f7f5f',
};

/** One of three soft shapes behind the initial, so neighbouring cards differ. */
function shape(index: number): string {
  switch (index % 3) {
    case 0: return '<circle cx="480" cy="360" r="210" fill="#fff" fill-opacity="0.22"/>';
    case 1: return '<rect x="280" y="160" width="400" height="400" rx="56" fill="#fff" fill-opacity="0.22"/>';
    default: return '<path d="M480 130 L710 360 L480 590 L250 360 Z" fill="#fff" fill-opacity="0.22"/>';
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The sizes the encoder makes of an upload (card: 320×240 cropped; large: within 960 px). */
const SIZES: { variant: ImageVariant; width: number; height: number }[] = [
  { variant: 'card', width: 320, height: 240 },
  { variant: 'large', width: 960, height: 720 },
];

/**
 * WebP effort for the demo pictures: flat colours and one letter come out the same size at 2 as
 * at the encoder's default (4), in a quarter of the time. Forty of them are drawn on a fresh
 * data directory's first start, where they were most of the wait.
 */
const DEMO_WEBP_EFFORT = 2;

/**
 * A demo product's picture, drawn at seed time: its initial on a shape, on its category's
 * colour. Each size is rendered straight from the vector drawing to WebP, in the sizes and
 * format an upload is kept in (no PNG to encode, decode and scale down first).
 */
export async function drawDemoImages(name: string, category: string, index: number): Promise<EncodedImage[]> {
  const colour = CATEGORY_COLOURS[category] ?? '#4a5a6a';
  const initial = escapeXml(name.trim().charAt(0).toUpperCase());
  const drawing = (width: number, height: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 960 720">
    <rect width="960" height="720" fill="${colour}"/>${shape(index)}
    <text x="480" y="435" font-family="sans-serif" font-size="220" font-weight="700" fill="#fff" text-anchor="middle">${initial}</text>
  </svg>`;
  const sharp = await loadSharp();
  return Promise.all(
    SIZES.map(async ({ variant, width, height }) => {
      const bytes = await sharp(Buffer.from(drawing(width, height))).webp({ quality: 80, effort: DEMO_WEBP_EFFORT }).toBuffer();
      const hash = createHash('sha256').update(bytes).digest('hex');
      return { variant, contentType: 'image/webp' as const, width, height, bytes, hash };
    }),
  );
}
