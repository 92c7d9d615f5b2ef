import sharp from 'sharp';
import { encodeProductImage, MAX_IMAGE_BYTES, sniffImageType } from './image-encoding';

describe('product image encoding', () => {
  it('tells the type from the first bytes only', async () => {
    const solid = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } });
    expect(sniffImageType(await solid().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageType(await solid().png().toBuffer())).toBe('png');
    expect(sniffImageType(await solid().webp().toBuffer())).toBe('webp');
    expect(sniffImageType(await solid().gif().toBuffer())).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a truncated image as unreadable and an oversized one before decoding', async () => {
    const jpeg = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#abcdef' } }).jpeg().toBuffer();
    expect(await encodeProductImage(jpeg.subarray(0, 40))).toEqual({ ok: false, message: 'This image could not be read: please choose another file.' });
    expect(await encodeProductImage(Buffer.concat([jpeg, Buffer.alloc(MAX_IMAGE_BYTES)]))).toEqual({ ok: false, message: 'The image can be at most 2 MB.' });
  });

  it('makes a 320×240 card and a large picture no bigger than 960, upright', async () => {
    // 600 wide, 300 high, but EXIF orientation 6 says "turn it a quarter": upright it is 300×600.
    const rotated = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#00ff00' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const result = await encodeProductImage(rotated);
    if (!result.ok) throw new Error(result.message);
    const [card, large] = result.images;
    expect([card.variant, card.width, card.height]).toEqual(['card', 320, 240]);
    expect([large.variant, large.width, large.height]).toEqual(['large', 300, 600]);
    expect((await sharp(large.bytes).metadata()).orientation).toBeUndefined();
  });
});
