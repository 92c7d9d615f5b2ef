import { createHash } from 'node:crypto';
import request from 'supertest';
import sharp from 'sharp';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { agent, csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { createTestApp, type TestApp } from '../support/test-app';
import { ImageStore, productImageKey } from '../../src/products/images/image-store';
import { jpegFile, pictures, postMultipart, type FileToSend } from '../support/uploads';

const FIELDS = { name: 'Pictured Teapot', description: 'With a photo.', category: 'Kitchen', stock: '4', unitPrice: '30.00', visible: 'on' };

describe('product images', () => {
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedInWithRole(t.server, t.em(), 'shop_owner')).client;
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);
  type ImageRow = { variant: string; hash: string; content_type: string; width: number; height: number };
  const imagesOf = async (productId: number) =>
    (await sql(`select variant, hash, content_type, width, height from product_images where product_id = ? order by variant`, [productId])) as ImageRow[];

  async function addWithImage(name: string, file?: FileToSend, fields: Record<string, string> = {}) {
    const res = await postMultipart(staff, '/admin/products/new', '/admin/products', { ...FIELDS, ...fields, name }, file);
    const [row] = await sql(`select id from products where name = ?`, [name]);
    return { res, id: row?.id as number | undefined };
  }

  it.each([
    ['JPEG', () => pictures.jpeg(), 'image/jpeg', 'a.jpg'],
    ['PNG', () => pictures.png(), 'image/png', 'a.png'],
    ['WebP', () => pictures.webp(), 'image/webp', 'a.webp'],
  ])('accepts a %s, stores it re-encoded as WebP in two sizes, and shows it on the shop', async (kind, make, type, filename) => {
    const name = `Pictured ${kind}`;
    const { res, id } = await addWithImage(name, { field: 'image', bytes: await make(), filename, contentType: type });
    expect(res.status).toBe(303);
    const rows = await imagesOf(id!);
    expect(rows.map((row: { variant: string }) => row.variant)).toEqual(['card', 'large']);
    expect(rows.every((row: { content_type: string }) => row.content_type === 'image/webp')).toBe(true);
    const card = rows[0];
    expect([card.width, card.height]).toEqual([320, 240]);

    const shop = await request(t.server).get('/shop');
    expect(shop.text).toContain(`<img src="/images/${card.hash}.webp" alt="${name}" width="320" height="240"`);
    const image = await request(t.server).get(`/images/${card.hash}.webp`).expect(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.headers.etag).toBe(`"${card.hash}"`);
    expect((await sharp(image.body as Buffer).metadata()).format).toBe('webp');
    await request(t.server).get(`/images/${card.hash}.webp`).set('If-None-Match', `"${card.hash}"`).expect(304);
  });

  it.each([
    ['a GIF', () => pictures.gif(), 'image/gif', 'a.gif', 'The image must be a JPEG, PNG or WebP file.'],
    ['an SVG', () => pictures.svg(), 'image/svg+xml', 'a.svg', 'The image must be a JPEG, PNG or WebP file.'],
    ['a text file renamed .jpg', () => pictures.text(), 'image/jpeg', 'photo.jpg', 'The image must be a JPEG, PNG or WebP file.'],
    ['a file over 2 MB', () => pictures.huge(), 'image/jpeg', 'big.jpg', 'The image can be at most 2 MB.'],
  ])('refuses %s beside Image (422), keeps every other field, and writes nothing', async (_kind, make, type, filename, message) => {
    const name = `Refused ${filename}`;
    const { res, id } = await addWithImage(name, { field: 'image', bytes: await make(), filename, contentType: type }, { description: 'Kept & typed' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="image-error">${message.replace(/\./g, '\\.')}<`));
    expect(res.text).toContain(`value="${name}"`);
    expect(res.text).toContain('Kept &amp; typed</textarea>');
    expect(res.text).toContain('value="30.00"');
    expect(id).toBeUndefined();
  });

  it('reads the pictures of the shop, the staff list and the product page inside their own statement', async () => {
    const name = 'One Trip Vase';
    const { id } = await addWithImage(name, jpegFile(await pictures.jpeg()));
    const [card] = await imagesOf(id!);
    const describe = jest.spyOn(t.app.get(ImageStore), 'describe');
    try {
      const shop = await request(t.server).get('/shop?name=One%20Trip');
      expect(shop.text).toContain(`<img src="/images/${card.hash}.webp" alt="${name}" width="320" height="240"`);
      const list = await staff.get('/admin/products?name=One%20Trip');
      expect(list.text).toContain(`/images/${card.hash}.webp`);
      const [, large] = await imagesOf(id!);
      const details = await request(t.server).get(`/products/${id}`);
      expect(details.text).toContain(`<img src="/images/${large.hash}.webp"`);
      // A page past the end shows the last page, read by a second statement: its pictures too.
      const past = await request(t.server).get('/shop?name=One%20Trip&page=9');
      expect(past.text).toContain(`<img src="/images/${card.hash}.webp"`);
      expect(describe).not.toHaveBeenCalled();
    } finally {
      describe.mockRestore();
    }
  });

  it('refuses an image and a bad field together, each beside its own field', async () => {
    const { res } = await addWithImage('Two problems', jpegFile(await pictures.text()), { unitPrice: 'abc' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The image must be a JPEG, PNG or WebP file.');
    expect(res.text).toContain('Unit price must be an amount like 12.50');
  });

  it('strips EXIF (GPS included) from what it serves', async () => {
    const original = await pictures.jpeg({ exif: true });
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { id } = await addWithImage('Exif Mug', jpegFile(original));
    for (const row of await imagesOf(id!)) {
      const served = (await request(t.server).get(`/images/${row.hash}.webp`).expect(200)).body as Buffer;
      const metadata = await sharp(served).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(served.includes(Buffer.from('Secret Owner'))).toBe(false);
    }
  });

  it("serves a hidden product's image to staff only (404 for the public and shoppers)", async () => {
    const { id } = await addWithImage('Hidden Picture', jpegFile(await pictures.jpeg()), { visible: '' });
    const [card] = await imagesOf(id!);
    const url = `/images/${card.hash}.webp`;
    await request(t.server).get(url).expect(404);
    const shopper = agent(t.server);
    await signedUp(shopper);
    await shopper.get(url).expect(404);
    const forStaff = await staff.get(url).expect(200);
    expect(forStaff.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    await request(t.server).get('/images/not-a-hash.webp').expect(404);
    await request(t.server).get(`/images/${'0'.repeat(64)}.webp`).expect(404);
  });

  it('gives the same file on a visible and a hidden product two URLs: the hidden one stays 404 for the public', async () => {
    const file = await pictures.jpeg();
    const { id: shownId } = await addWithImage('Shown Twin', jpegFile(file));
    const { id: hiddenId } = await addWithImage('Hidden Twin', jpegFile(file), { visible: '' });
    const [shown] = await imagesOf(shownId!);
    const [hidden] = await imagesOf(hiddenId!);
    expect(hidden.hash).not.toBe(shown.hash);
    await request(t.server).get(`/images/${shown.hash}.webp`).expect(200);
    await request(t.server).get(`/images/${hidden.hash}.webp`).expect(404);
    const served = await staff.get(`/images/${hidden.hash}.webp`).expect(200);
    // The key is the served bytes' hash bound to the product, by the same formula as the migration's SQL.
    const contentHash = createHash('sha256').update(served.body as Buffer).digest('hex');
    expect(productImageKey(hiddenId!, contentHash)).toBe(hidden.hash);
    const [migrated] = await sql(`select encode(sha256(convert_to(?::text || ':' || ?, 'UTF8')), 'hex') as key`, [hiddenId, contentHash]);
    expect(migrated.key).toBe(hidden.hash);
  });

  it('replaces the image (the old rows and URL are gone) and removes it with Remove image', async () => {
    const { id } = await addWithImage('Changing Picture', jpegFile(await pictures.jpeg()));
    const before = await imagesOf(id!);
    const edit = `/admin/products/${id}/edit`;
    const version = () => sql(`select version from products where id = ?`, [id]).then((rows) => String(rows[0].version));

    const replaced = await postMultipart(staff, edit, `/admin/products/${id}`, { ...FIELDS, name: 'Changing Picture', version: await version() }, {
      field: 'image', bytes: await pictures.png(), filename: 'new.png', contentType: 'image/png',
    });
    expect(replaced.status).toBe(303);
    const after = await imagesOf(id!);
    expect(after).toHaveLength(2);
    expect(after.map((row: { hash: string }) => row.hash)).not.toContain(before[0].hash);
    await request(t.server).get(`/images/${before[0].hash}.webp`).expect(404);
    expect((await sql(`select count(*)::int as n from product_images`))[0].n).toBeGreaterThanOrEqual(2);

    const form = await staff.get(edit);
    expect(form.text).toContain('Remove image');
    const removed = await postMultipart(staff, edit, `/admin/products/${id}`, { ...FIELDS, name: 'Changing Picture', version: await version(), removeImage: 'on' });
    expect(removed.status).toBe(303);
    expect(await imagesOf(id!)).toEqual([]);
    expect((await staff.get(edit)).text).not.toContain('Remove image');
    const shop = await request(t.server).get('/shop?name=Changing');
    expect(shop.text).toContain('<img src="/static/no-image.svg" alt="Changing Picture"');
  });

  it('keeps the image when the form is saved without a new file', async () => {
    const { id } = await addWithImage('Kept Picture', jpegFile(await pictures.jpeg()));
    const before = await imagesOf(id!);
    const [{ version }] = await sql(`select version from products where id = ?`, [id]);
    const res = await postMultipart(staff, `/admin/products/${id}/edit`, `/admin/products/${id}`, { ...FIELDS, name: 'Kept Picture', stock: '9', version: String(version) });
    expect(res.status).toBe(303);
    expect(await imagesOf(id!)).toEqual(before);
  });

  it('shows the picture on the details page, in the cart and on the staff list, and a placeholder without one', async () => {
    const { id } = await addWithImage('Everywhere Lamp', jpegFile(await pictures.jpeg()));
    const [card, large] = await imagesOf(id!);
    const details = await request(t.server).get(`/products/${id}`);
    expect(details.text).toContain(`<img src="/images/${large.hash}.webp" alt="Everywhere Lamp" width="${large.width}" height="${large.height}"`);
    expect(details.text).not.toMatch(/details-image[^>]*loading="lazy"|loading="lazy"[^>]*details-image/);
    const list = await staff.get('/admin/products?name=Everywhere');
    expect(list.text).toContain(`<img src="/images/${card.hash}.webp" alt="Everywhere Lamp"`);

    const shopper = agent(t.server);
    await signedUp(shopper);
    const page = await shopper.get(`/products/${id}`);
    await shopper.post('/cart/items').type('form').send({ _csrf: csrfFrom(page.text), productId: String(id), quantity: '1' }).expect(303);
    const cart = await shopper.get('/cart');
    expect(cart.text).toContain(`<img src="/images/${card.hash}.webp" alt="Everywhere Lamp"`);

    const plain = await insertProduct(t.em(), { name: 'Plain Bowl' });
    const shop = await request(t.server).get('/shop?name=Plain');
    expect(shop.text).toContain('<img src="/static/no-image.svg" alt="Plain Bowl" width="320" height="240"');
    expect((await request(t.server).get(`/products/${plain}`)).text).toContain('alt="Plain Bowl"');
    await request(t.server).get('/static/no-image.svg').expect(200);
  });

  it('loads the cards below the first row lazily', async () => {
    for (let i = 0; i < 6; i++) await insertProduct(t.em(), { name: `Lazy ${i}`, category: 'Lazy', age: -100 - i });
    const shop = await request(t.server).get('/shop?category=Lazy');
    const imgs = [...shop.text.matchAll(/<img [^>]*class="product-image[^"]*card-image"[^>]*>/g)].map((m) => m[0]);
    expect(imgs).toHaveLength(6);
    expect(imgs.slice(0, 4).some((img) => img.includes('loading="lazy"'))).toBe(false);
    expect(imgs.slice(4).every((img) => img.includes('loading="lazy"'))).toBe(true);
  });

  it('refuses a multipart post without a CSRF token (403) and writes nothing', async () => {
    const res = await postMultipart(staff, '/admin/products/new', '/admin/products', { ...FIELDS, name: 'No Token' }, jpegFile(await pictures.jpeg()), { csrf: false });
    expect(res.status).toBe(403);
    expect(await sql(`select id from products where name = 'No Token'`)).toEqual([]);
    const wrong = await staff.post('/admin/products').field('_csrf', 'forged').field('name', 'Forged Token').attach('image', await pictures.png(), 'a.png');
    expect(wrong.status).toBe(403);
  });

  it('takes the token from the X-CSRF-Token header too (htmx) and answers with HX-Location', async () => {
    const page = await staff.get('/admin/products/new');
    const res = await staff
      .post('/admin/products')
      .set({ ...HTMX_PARTIAL, 'X-CSRF-Token': csrfFrom(page.text) })
      .field('name', 'Htmx Upload').field('category', 'Kitchen').field('stock', '1').field('unitPrice', '2.00').field('visible', 'on')
      .attach('image', await pictures.webp(), { filename: 'a.webp', contentType: 'image/webp' });
    expect(res.status).toBe(204);
    expect(res.headers['hx-location']).toBe('/admin/products');
  });

  it("applies the input edge's field rule to multipart fields (a field given twice: 400)", async () => {
    const page = await staff.get('/admin/products/new');
    const res = await staff.post('/admin/products').field('_csrf', csrfFrom(page.text)).field('name', 'Twice').field('name', 'Again')
      .field('category', 'Kitchen').field('stock', '1').field('unitPrice', '1.00');
    expect(res.status).toBe(400);
    expect(await sql(`select id from products where name in ('Twice', 'Again')`)).toEqual([]);
  });

  it('does not read an upload for someone who is not staff', async () => {
    const shopper = agent(t.server);
    await signedUp(shopper);
    const page = await shopper.get('/account');
    const res = await shopper.post('/admin/products').field('_csrf', csrfFrom(page.text)).field('name', 'Sneaky').attach('image', await pictures.png(), 'a.png');
    expect(res.status).toBe(403);
    expect(await sql(`select id from products where name = 'Sneaky'`)).toEqual([]);
  });
});
