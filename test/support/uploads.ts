import sharp from 'sharp';
import { csrfFrom, type Agent } from './http';

export interface FileToSend {
  field: string;
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/**
 * GETs a form page, then posts it as `multipart/form-data` the way a browser does: the fields
 * in order, the file last, the page's CSRF token first (unless `csrf: false`).
 */
export async function postMultipart(
  client: Agent,
  pageUrl: string,
  action: string,
  fields: Record<string, string>,
  file?: FileToSend,
  options: { csrf?: boolean; headers?: Record<string, string> } = {},
) {
  const page = await client.get(pageUrl).expect(200);
  const req = client.post(action).set(options.headers ?? {});
  if (options.csrf !== false) req.field('_csrf', csrfFrom(page.text));
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  if (file) req.attach(file.field, file.bytes, { filename: file.filename, contentType: file.contentType });
  return req;
}

/** A random colour: each picture made is a different one (URLs are content hashes, shared by equal bytes). */
const colour = () => `#${Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0')}`;

/** Small real pictures of each kind, made here so the tests need no fixture files. */
export const pictures = {
  jpeg: (options: { exif?: boolean } = {}) => {
    const image = sharp({ create: { width: 1200, height: 900, channels: 3, background: colour() } }).jpeg();
    return (options.exif
      ? image.withExif({ IFD0: { Copyright: 'Secret Owner', Artist: 'Jane Photographer' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' } })
      : image
    ).toBuffer();
  },
  png: () => sharp({ create: { width: 400, height: 400, channels: 4, background: colour() } }).png().toBuffer(),
  webp: () => sharp({ create: { width: 640, height: 480, channels: 3, background: colour() } }).webp().toBuffer(),
  gif: () => sharp({ create: { width: 50, height: 50, channels: 3, background: colour() } }).gif().toBuffer(),
  svg: () => Promise.resolve(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')),
  text: () => Promise.resolve(Buffer.from('This is not a picture at all, just text.\n')),
  /** A valid JPEG start, then padding past 2 MB. */
  huge: async () => Buffer.concat([await pictures.jpeg(), Buffer.alloc(2 * 1024 * 1024, 1)]),
};

export function jpegFile(bytes: Buffer, filename = 'photo.jpg'): FileToSend {
  return { field: 'image', bytes, filename, contentType: 'image/jpeg' };
}
