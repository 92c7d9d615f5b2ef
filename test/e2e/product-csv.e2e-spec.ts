import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { signedInWithRole } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { ManualClock } from '../support/manual-clock';
import { createTestApp, type TestApp } from '../support/test-app';
import { postMultipart } from '../support/uploads';
import { ProductsService } from '../../src/products/products.service';
import type { ProductSort } from '../../src/products/product-filters';

const HEADER = 'id,name,description,category,stock,unit_price,visible';

describe('products as CSV: export and import', () => {
  let t: TestApp;
  let staff: Agent;
  const clock = new ManualClock();

  beforeAll(async () => {
    // The spec moves the clock past a pending import's hour: the staff session must outlive that.
    t = await createTestApp({ clock, env: { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '48' } });
    staff = (await signedInWithRole(t.server, t.em(), 'shop_owner')).client;
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);
  const csvFile = (text: string | Buffer) => ({ field: 'file', bytes: Buffer.isBuffer(text) ? text : Buffer.from(text), filename: 'products.csv', contentType: 'text/csv' });
  const upload = (text: string | Buffer) => postMultipart(staff, '/admin/products/import', '/admin/products/import', {}, csvFile(text));
  const pendingId = (html: string) => /action="\/admin\/products\/import\/([0-9a-f]{32})\/apply"/.exec(html)?.[1];
  async function apply(id: string, client: Agent = staff) {
    const page = await client.get('/admin/products/import');
    return client.post(`/admin/products/import/${id}/apply`).type('form').send({ _csrf: csrfFrom(page.text) });
  }
  const download = async (query = '') => {
    const res = await staff.get(`/admin/products.csv${query}`).expect(200);
    return { res, rows: parse(res.text) as string[][] };
  };

  describe('export', () => {
    beforeAll(async () => {
      const em = t.em();
      await insertProduct(em, { name: 'Comma, "Quoted" Mug', description: 'Line one\nline two', category: 'Export', price: '12.50', stock: 3, age: 1 });
      await insertProduct(em, { name: '=HYPERLINK("http://evil")', description: '+1 and @me', category: 'Export', price: '0.99', stock: 0, visible: false, age: 2 });
      await insertProduct(em, { name: '-minus', description: "\ttab", category: 'Export', age: 3 });
      for (let i = 1; i <= 22; i++) await insertProduct(em, { name: `Bulk ${i}`, category: 'Bulk', price: `${i}.00`, age: 10 + i });
    });

    it('sends every product the list matches, all pages, as UTF-8 CSV with a header', async () => {
      const { res, rows } = await download('?category=Bulk');
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="products.csv"');
      expect(rows[0].join(',')).toBe(HEADER);
      expect(rows.slice(1).map((row) => row[1])).toEqual(Array.from({ length: 22 }, (_, i) => `Bulk ${i + 1}`));
      const sorted = await download('?category=Bulk&sort=price_desc&max_stock=10&page=2');
      expect(sorted.rows.slice(1).map((row) => row[5])).toEqual(Array.from({ length: 22 }, (_, i) => `${22 - i}.00`));
    });

    it('quotes as RFC 4180 and writes money as 12.34 and visible as true/false', async () => {
      const { res, rows } = await download('?category=Export');
      expect(res.text).toContain('"Comma, ""Quoted"" Mug","Line one\nline two",Export,3,12.50,true');
      expect(rows[1].slice(1)).toEqual(['Comma, "Quoted" Mug', 'Line one\nline two', 'Export', '3', '12.50', 'true']);
      expect(rows[2][6]).toBe('false');
    });

    it("prefixes cells a spreadsheet would run as formulas with '", async () => {
      const { rows } = await download('?category=Export');
      expect(rows[2][1]).toBe(`'=HYPERLINK("http://evil")`);
      expect(rows[2][2]).toBe("'+1 and @me");
      expect(rows[3][1]).toBe("'-minus");
      expect(rows[3][2]).toBe("'\ttab");
    });

    it('streams large catalogs in batches, none twice and none missed', async () => {
      const { rows } = await download();
      const ids = rows.slice(1).map((row) => row[0]);
      expect(new Set(ids).size).toBe(ids.length);
      const [{ n }] = await sql('select count(*)::int as n from products');
      expect(ids).toHaveLength(n);
    });

    it.each(['newest', 'price_asc', 'price_desc', 'rating_desc'] as ProductSort[])(
      'walks the list in keyset batches (sort %s): every row once, in the list order, ties included',
      async (sort) => {
        for (let i = 0; i < 7; i++) await insertProduct(t.em(), { name: `Tie ${sort} ${i}`, category: `Tie ${sort}`, price: '5.00' });
        // Same price and the very same timestamp: only the id orders them.
        await sql(`update products set created = '2026-01-01T00:00:00Z' where category = ?`, [`Tie ${sort}`]);
        // Top rated: equal averages and counts tie too, and unrated rows (null) come last.
        await sql(
          `update products set average_rating = case when id % 3 = 0 then null else 4.5 end,
             rating_count = case when id % 3 = 0 then 0 else 2 end where category = ?`,
          [`Tie ${sort}`],
        );
        const products = t.app.get(ProductsService);
        const filters = { name: '', category: '', sort, visibility: 'all' as const, maxStock: null };
        const walk = async (batch: number) => {
          const ids: number[] = [];
          for await (const product of products.everyMatch(filters, batch)) ids.push(product.id);
          return ids;
        };
        const whole = await walk(100_000);
        expect(await walk(3)).toEqual(whole);
        expect(new Set(whole).size).toBe(whole.length);
        const listed = (await sql(`select count(*)::int as n from products`))[0].n;
        expect(whole).toHaveLength(listed);
      },
    );

    it.each([
      ['price_desc', `unit_price = 0.01`],
      ['price_asc', `unit_price = 99.00`],
      ['rating_desc', `average_rating = 1, rating_count = 1`],
    ] as [ProductSort, string][])(
      'keeps its place when the last row of a batch changes its %s key mid-export: no row skipped',
      async (sort, change) => {
        const category = `Moving ${sort}`;
        for (let i = 1; i <= 6; i++) await insertProduct(t.em(), { name: `${category} ${i}`, category, price: `${10 + i}.00` });
        await sql(`update products set average_rating = 2 + (unit_price - 10) / 2, rating_count = 3 where category = ?`, [category]);
        const products = t.app.get(ProductsService);
        const filters = { name: '', category, sort, visibility: 'all' as const, maxStock: null };
        const all = (await sql(`select id from products where category = ?`, [category])).map((row) => row.id as number);
        const ids: number[] = [];
        let moved = 0;
        for await (const product of products.everyMatch(filters, 2)) {
          ids.push(product.id);
          // The first batch's last row is repriced (or re-rated) before the second batch is read.
          if (ids.length === 2) await sql(`update products set ${change} where id = ?`, [(moved = product.id)]);
        }
        expect(new Set(ids)).toEqual(new Set(all));
        // Without a snapshot the row that moved may come again at its new place; no other row repeats.
        expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual(ids.length > all.length ? [moved] : []);
      },
    );

    it('refuses an unreadable filter (422) instead of exporting everything', async () => {
      const res = await staff.get('/admin/products.csv?max_stock=abc');
      expect(res.status).toBe(422);
      expect(res.text).toContain('Stock at most must be a whole number');
    });

    it('is for staff only', async () => {
      const res = await request(t.server).get('/admin/products.csv');
      expect(res.status).toBe(303);
    });
  });

  describe('import', () => {
    let mugId: number;
    let hatId: number;
    beforeAll(async () => {
      mugId = await insertProduct(t.em(), { name: 'Import Mug', category: 'Import', price: '10.00', stock: 5 });
      hatId = await insertProduct(t.em(), { name: 'Import Hat', category: 'Import', price: '20.00', stock: 2 });
    });

    it('previews adds and updates (with what changes), writes nothing, then applies all', async () => {
      const text = `${HEADER}\n${mugId},Import Mug,,Import,7,10.00,true\n${hatId},Import Hat,,Import,2,20.00,true\n,New Scarf,Warm,Import,3,15.5,false\n`;
      const preview = await upload(text);
      expect(preview.status).toBe(200);
      expect(preview.text).toMatch(/<strong>1<\/strong> to add, <strong>1<\/strong> to update,\s+1 unchanged, <strong>0<\/strong> with problems/);
      expect(preview.text).toContain(`Line 2, Import Mug (id ${mugId}): stock “5” → “7”`);
      expect(preview.text).toContain('Line 4: New Scarf (Import, $15.50, stock 3, hidden)');
      expect(preview.text).toContain('Apply import');
      expect(await sql(`select stock from products where id = ?`, [mugId])).toEqual([{ stock: 5 }]);
      expect(await sql(`select id from products where name = 'New Scarf'`)).toEqual([]);

      const id = pendingId(preview.text)!;
      const applied = await apply(id);
      expect(applied.status).toBe(303);
      expect(applied.headers.location).toBe('/admin/products');
      expect((await staff.get('/admin/products')).text).toContain('Import applied: 1 added, 1 updated.');
      expect(await sql(`select stock from products where id = ?`, [mugId])).toEqual([{ stock: 7 }]);
      expect(await sql(`select unit_price::text as price, visibility, description from products where name = 'New Scarf'`)).toEqual([
        { price: '15.50', visibility: false, description: 'Warm' },
      ]);
      // Applied once: a second Apply finds nothing to apply.
      const again = await apply(id);
      expect(again.status).toBe(409);
      expect(again.text).toContain('expired or was already applied');
    });

    it.each([
      ['a bad price, with the form’s own message', `,Cup,,Import,1,abc,true`, 'Line 2: Unit price must be an amount like 12.50'],
      ['an empty name', `,,,Import,1,1.00,true`, 'Line 2: Enter a name.'],
      ['a negative stock', `,Cup,,Import,-1,1.00,true`, 'Line 2: Stock must be a whole number, 0 or more.'],
      ['a bad visible', `,Cup,,Import,1,1.00,maybe`, 'Line 2: visible must be true or false.'],
      ['an id that does not exist', `999999,Cup,,Import,1,1.00,true`, 'Line 2: No product has id 999999.'],
      ['an id that is not a number', `x1,Cup,,Import,1,1.00,true`, 'Line 2: id must be a product number'],
      ['a row of the wrong width (the rest still checked)', `,a,b`, 'Line 2: The row has 3 columns; it must have 7.'],
      ['a row with a cell too many', `,Cup,,Import,1,1.00,true,extra`, 'Line 2: The row has 8 columns; it must have 7.'],
    ])('names a bad row: %s (422, no Apply)', async (_case, row, message) => {
      const res = await upload(`${HEADER}\n${row}\n,Good Row,,Import,1,1.00,true\n`);
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).not.toContain('Apply import');
      expect(await sql(`select id from products where name = 'Good Row'`)).toEqual([]);
    });

    it('names a duplicate id with both lines, and counts lines of multi-line cells', async () => {
      const res = await upload(`${HEADER}\n${mugId},Import Mug,"two\nlines",Import,7,10.00,true\n${mugId},Import Mug,,Import,8,10.00,true\n`);
      expect(res.status).toBe(422);
      expect(res.text).toContain(`Line 4: id ${mugId} is also on line 2.`);
    });

    it.each([
      ['an empty file', '', 'The file is empty.'],
      ['a bad header', 'id,title,price\n1,a,2\n', 'The first row must name the columns: id, name, description, category, stock, unit_price, visible.'],
      ['a header alone', `${HEADER}\n`, 'The file has a header but no products.'],
      ['a file that is not CSV', `${HEADER}\n,"unclosed,x,Import,1,1.00,true\n`, 'This is not a readable CSV file'],
    ])('refuses %s with a clear message beside CSV file', async (_case, text, message) => {
      const res = await upload(text);
      expect(res.status).toBe(422);
      expect(res.text).toContain(`id="file-error" role="alert">${message}`);
    });

    it('refuses a file that is not UTF-8, and a binary one', async () => {
      const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n,Caf`), Buffer.from([0xe9]), Buffer.from(',,Import,1,1.00,true\n')]);
      expect((await upload(latin1)).text).toContain('The file is not UTF-8 text');
      const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]); // a zip's first bytes: valid UTF-8, NULs inside
      expect((await upload(binary)).text).toContain('This is not a CSV file.');
    });

    it('accepts a spreadsheet’s BOM and CRLF line ends, and asks for a file when none is chosen', async () => {
      const res = await upload(`\ufeff${HEADER}\r\n,Bom Cup,,Import,1,1.00,true\r\n`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Line 2: Bom Cup');
      const none = await postMultipart(staff, '/admin/products/import', '/admin/products/import', {});
      expect(none.status).toBe(422);
      expect(none.text).toContain('Choose a CSV file to import.');
    });

    it('refuses the whole import when a product changed since the preview (its version)', async () => {
      const preview = await upload(`${HEADER}\n${hatId},Import Hat,,Import,9,20.00,true\n,Never Added,,Import,1,1.00,true\n`);
      const id = pendingId(preview.text)!;
      await sql(`update products set stock = 1, version = version + 1 where id = ?`, [hatId]);
      const res = await apply(id);
      expect(res.status).toBe(409);
      expect(res.text).toContain('someone changed the product on line 2 since the preview');
      expect(await sql(`select stock from products where id = ?`, [hatId])).toEqual([{ stock: 1 }]);
      expect(await sql(`select id from products where name = 'Never Added'`)).toEqual([]);
    });

    it('writes every row or none when the database refuses one mid-way', async () => {
      const preview = await upload(`${HEADER}\n${mugId},Import Mug,,Import,42,10.00,true\n,Boom,,Import,1,1.00,true\n`);
      const id = pendingId(preview.text)!;
      await sql(`create function refuse_boom() returns trigger language plpgsql as $$
        begin if new.name = 'Boom' then raise exception 'injected failure'; end if; return new; end $$`);
      await sql(`create trigger refuse_boom before insert on products for each row execute function refuse_boom()`);
      try {
        const res = await apply(id);
        expect(res.status).toBe(500);
        expect(res.text).not.toContain('injected failure');
      } finally {
        await sql('drop trigger refuse_boom on products');
        await sql('drop function refuse_boom()');
      }
      expect(await sql(`select stock from products where id = ?`, [mugId])).toEqual([{ stock: 7 }]);
      // The preview is still there: once the problem is gone it applies.
      expect((await apply(id)).status).toBe(303);
      expect(await sql(`select stock from products where id = ?`, [mugId])).toEqual([{ stock: 42 }]);
    });

    it('applies in one statement per kind: versions move on by one, money stays exact, new ids follow the file', async () => {
      const bulk = [];
      for (let i = 0; i < 3; i++) bulk.push(await insertProduct(t.em(), { name: `Set ${i}`, category: 'Set', price: '1.00', stock: 1 }));
      const before = await sql(`select id, version, modified from products where id in (?, ?, ?) order by id`, bulk);
      const text = [
        HEADER,
        `${bulk[0]},Set 0,,Set,4,999999999.99,true`,
        `${bulk[1]},Set 1 renamed,"A, quoted",Set,1,1.00,false`,
        `${bulk[2]},Set 2,,Set,1,0.10,true`,
        `,Set new A,,Set,2,0.01,true`,
        `,Set new B,,Set,3,12.5,true`,
      ].join('\n');
      const id = pendingId((await upload(text)).text)!;
      expect((await apply(id)).status).toBe(303);
      const after = await sql(
        `select id, name, description, stock, unit_price::text as price, visibility, version, modified from products where category = 'Set' order by id`,
      );
      expect(after.map(({ modified: _m, ...row }: Record<string, unknown>) => row)).toEqual([
        { id: bulk[0], name: 'Set 0', description: '', stock: 4, price: '999999999.99', visibility: true, version: before[0].version + 1 },
        { id: bulk[1], name: 'Set 1 renamed', description: 'A, quoted', stock: 1, price: '1.00', visibility: false, version: before[1].version + 1 },
        { id: bulk[2], name: 'Set 2', description: '', stock: 1, price: '0.10', visibility: true, version: before[2].version + 1 },
        { id: expect.any(Number), name: 'Set new A', description: '', stock: 2, price: '0.01', visibility: true, version: 1 },
        { id: expect.any(Number), name: 'Set new B', description: '', stock: 3, price: '12.50', visibility: true, version: 1 },
      ]);
      expect(after[4].id).toBeGreaterThan(after[3].id);
      for (let i = 0; i < 3; i++) expect(new Date(after[i].modified).getTime()).toBeGreaterThanOrEqual(new Date(before[i].modified).getTime());
      // The staff form's save from the version seen before the import is refused, as after any other save.
      const stale = await postMultipart(staff, `/admin/products/${bulk[0]}/edit`, `/admin/products/${bulk[0]}`, {
        name: 'Set 0', description: '', category: 'Set', stock: '9', unitPrice: '1.00', visible: 'on', version: String(before[0].version),
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed this product');
      expect(await sql(`select stock from products where id = ?`, [bulk[0]])).toEqual([{ stock: 4 }]);
    });

    it('writes nothing at all when some of many rows changed since the preview, and names each of their lines', async () => {
      const many = [];
      for (let i = 0; i < 4; i++) many.push(await insertProduct(t.em(), { name: `Many ${i}`, category: 'Many', price: '2.00', stock: 1 }));
      const text = [HEADER, ...many.map((id, i) => `${id},Many ${i},,Many,8,2.00,true`), ',Many new,,Many,1,1.00,true'].join('\n');
      const id = pendingId((await upload(text)).text)!;
      await sql(`update products set version = version + 1 where id in (?, ?)`, [many[1], many[3]]);
      const before = await sql(`select id, stock, version from products where category = 'Many' order by id`);
      const res = await apply(id);
      expect(res.status).toBe(409);
      expect(res.text).toContain('someone changed the product on lines 3, 5 since the preview');
      expect(await sql(`select id, stock, version from products where category = 'Many' order by id`)).toEqual(before);
      expect(await sql(`select id from products where name = 'Many new'`)).toEqual([]);
    });

    it('keeps a preview for its owner only, for an hour', async () => {
      const preview = await upload(`${HEADER}\n,Owned Row,,Import,1,1.00,true\n`);
      const id = pendingId(preview.text)!;
      const other = (await signedInWithRole(t.server, t.em(), 'admin')).client;
      expect((await apply(id, other)).status).toBe(409);
      clock.advance(61 * 60 * 1000);
      const late = await apply(id);
      expect(late.status).toBe(409);
      expect(late.text).toContain('This preview has expired');
      expect(await sql(`select id from products where name = 'Owned Row'`)).toEqual([]);
      // The next preview sweeps the expired ones.
      await upload(`${HEADER}\n,Sweeper,,Import,1,1.00,true\n`);
      expect(await sql(`select id from pending_imports where id = ?`, [id])).toEqual([]);
    });

    it('round trip: importing an export changes nothing', async () => {
      // The export specs stored a description the form could not have (a leading tab, which it trims).
      await sql(`update products set description = btrim(description, E'\\t') where description like E'\\t%'`);
      const exported = (await staff.get('/admin/products.csv')).text;
      const res = await upload(exported);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<strong>0<\/strong> to add, <strong>0<\/strong> to update/);
      expect(res.text).toContain('This file changes nothing.');
      expect(res.text).not.toContain('Apply import');
    });

    it('answers htmx with the preview fragment, and Apply with HX-Location', async () => {
      const page = await staff.get('/admin/products/import');
      const preview = await staff
        .post('/admin/products/import')
        .set({ ...HTMX_PARTIAL, 'X-CSRF-Token': csrfFrom(page.text) })
        .attach('file', Buffer.from(`${HEADER}\n,Htmx Row,,Import,1,1.00,true\n`), { filename: 'a.csv', contentType: 'text/csv' });
      expect(preview.status).toBe(200);
      expect(preview.text.startsWith('<section id="import">')).toBe(true);
      const applied = await staff
        .post(`/admin/products/import/${pendingId(preview.text)}/apply`)
        .set({ ...HTMX_PARTIAL, 'X-CSRF-Token': csrfFrom(page.text) });
      expect(applied.status).toBe(204);
      expect(applied.headers['hx-location']).toBe('/admin/products');
    });

    it('refuses an upload without a CSRF token (403)', async () => {
      const res = await postMultipart(staff, '/admin/products/import', '/admin/products/import', {}, csvFile(`${HEADER}\n`), { csrf: false });
      expect(res.status).toBe(403);
    });
  });
});
