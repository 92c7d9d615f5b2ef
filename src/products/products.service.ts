import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { ProductFields } from './dto/product.dto';
import { Product } from './product.entity';
import { centsToDecimal } from '../common/money';
import { moneyFromRow } from '../common/money.type';
import { fetchPage, type Page, type PageRequest } from '../common/pagination';
import { ProductImagesService, type ImageChange } from './images/product-images.service';
import type { ImageSet } from './images/image-store';
import type { ProductFilters } from './product-filters';
import type { StaffProductFilters } from './staff-product-filters';
import { afterSql, listSql, PRODUCT_COLUMNS, productFromRow, type ListFilters, type ProductRecord, type ProductRow } from './product-rows';

/** Products a page, on the shop and on the staff list alike (the contract's "Lists: pages"). */
export const PRODUCTS_PER_PAGE = 10;

export type SaveResult =
  | { ok: true; product: Product }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; current: Product };

/** A list's page and the categories its filter offers. */
export interface Listing {
  page: Page<ProductRow>;
  categories: string[];
  /** The rows' pictures when the listing's statement read them too (see ImageStore.imageSetSql). */
  images?: Map<number, ImageSet>;
}

type CategoryScope = 'visible' | 'all';

/** A listed row, with its pictures when the statement read them. */
type ListedRecord = ProductRecord & { image_set?: unknown };

/** Whether the statement selected the pictures (an absent column, not a null one: no pictures). */
const hasImageSet = (record: ListedRecord): boolean => 'image_set' in record;

/** A product's columns as jsonb_to_recordset reads them (see saveMany). */
const RECORD_COLUMNS = 'name text, description text, category text, stock int, unit_price numeric(12,2), visibility boolean';

/** A product's fields as one JSON object for jsonb_to_recordset: money as exact decimal text. */
function productRecordJson(fields: ProductFields) {
  return {
    name: fields.name,
    description: fields.description,
    category: fields.category,
    stock: fields.stock,
    unit_price: centsToDecimal(fields.unitPrice),
    visibility: fields.visibility,
  };
}

/** The catalog: what the shop lists, what staff change. */
@Injectable()
export class ProductsService {
  /** Categories by scope, kept under the catalog version they were read at (see listing). */
  private readonly categoryCache = new Map<CategoryScope, { version: string; categories: string[] }>();

  constructor(
    private readonly em: EntityManager,
    private readonly images: ProductImagesService,
  ) {}

  /** The shop: visible products only, a page at a time, and the categories to offer. */
  shopPage(filters: ProductFilters, request: PageRequest): Promise<Listing> {
    return this.listing({ ...filters, visibility: 'visible' }, request, 'visible');
  }

  /** Staff: every product, whatever its visibility, a page at a time, and every category. */
  staffPage(filters: StaffProductFilters, request: PageRequest): Promise<Listing> {
    return this.listing(filters, request, 'all');
  }

  /**
   * One statement for the page's rows, their capped count and the catalog's version; the
   * categories come from this process's cache while that version has not moved (a trigger
   * moves it in the transaction of every change to which categories exist, whoever makes it).
   */
  private async listing(filters: ListFilters, request: PageRequest, scope: CategoryScope): Promise<Listing> {
    const { where, params, orderBy } = listSql(filters);
    const rowsSql = `select ${this.columnsWithImages()} from products p where ${where} order by ${orderBy} limit ? offset ?`;
    let version: string | undefined;
    const page = await fetchPage(request, {
      count: () => Promise.reject(new Error('read with the rows')),
      rows: ({ limit, offset }) => this.read<ListedRecord>(rowsSql, [...params, limit, offset]),
      countWithRows: async (cap, { limit, offset }) => {
        const records = await this.read<ListedRecord & { matches: number; catalog_version: string }>(
          `select (select version from catalog_version) as catalog_version, capped.matches, r.*
             from (select count(*)::int as matches from (select 1 from products p where ${where} limit ?) c) capped
             left join lateral (${rowsSql}) r on true`,
          [...params, cap, ...params, limit, offset],
        );
        version = records[0].catalog_version;
        return { counted: records[0].matches, rows: records.filter((record) => record.id !== null) };
      },
    });
    const images = page.rows.every(hasImageSet) ? new Map(page.rows.map((record) => [record.id, this.images.imageSetFromSql(record.image_set)])) : undefined;
    return { page: { ...page, rows: page.rows.map(productFromRow) }, categories: await this.cachedCategories(scope, version), images };
  }

  private async cachedCategories(scope: CategoryScope, version: string | undefined): Promise<string[]> {
    const cached = this.categoryCache.get(scope);
    if (version !== undefined && cached?.version === version) return cached.categories;
    // Read after the version: what is cached is at least as new as the version it is kept under.
    const categories = await this.categories({ visibleOnly: scope === 'visible' });
    if (version !== undefined) this.categoryCache.set(scope, { version, categories });
    return categories;
  }

  /**
   * Every product the staff list's query matches, all pages, in its order, a batch at a time
   * (for the CSV): each batch continues after the last row by its sort key (keyset), so memory
   * stays flat at any size.
   */
  async *everyMatch(filters: StaffProductFilters, batchSize = 500): AsyncGenerator<ProductRow> {
    const { where, params, orderBy } = listSql(filters);
    let last: ProductRow | undefined;
    for (;;) {
      const after = last ? afterSql(filters.sort, last) : undefined;
      const records = await this.read<ProductRecord>(
        `select ${PRODUCT_COLUMNS} from products p where ${where}${after ? ` and ${after.sql}` : ''} order by ${orderBy} limit ?`,
        [...params, ...(after?.params ?? []), batchSize],
      );
      const rows = records.map(productFromRow);
      for (const row of rows) yield row;
      if (rows.length < batchSize) return;
      last = rows[rows.length - 1];
    }
  }

  /** Visible products with no stock left: the staff navigation's count (a partial index serves it). */
  async outOfStockCount(): Promise<number> {
    const [row]: { n: number }[] = await this.em.execute(`select count(*)::int as n from products where stock = 0 and visibility`);
    return row.n;
  }

  /**
   * Categories to offer: those with visible products, or (staff) all of them. A recursive
   * "skip scan" walks the category index one distinct value at a time, so the cost grows with
   * the number of categories, not of products.
   */
  async categories(options: { visibleOnly: boolean }): Promise<string[]> {
    const visible = options.visibleOnly ? 'and visibility' : '';
    const rows: { category: string }[] = await this.em.execute(
      `with recursive walk as (
         (select category from products where true ${visible} order by category limit 1)
         union all
         select (select p.category from products p where p.category > walk.category ${visible} order by p.category limit 1)
           from walk where walk.category is not null
       )
       select category from walk where category is not null`,
    );
    return rows.map((row) => row.category);
  }

  /**
   * A product's page: the row as this viewer may see it (hidden ones exist only for staff), and
   * its pictures when the image store can read them in the same statement (ImageStore.imageSetSql).
   */
  async details(id: number, viewer: { staff: boolean }): Promise<{ product: ProductRow; images?: ImageSet } | null> {
    const [record] = await this.read<ListedRecord>(`select ${this.columnsWithImages()} from products p where p.id = ?`, [id]);
    if (!record || !(record.visibility || viewer.staff)) return null;
    const images = hasImageSet(record) ? this.images.imageSetFromSql(record.image_set) : undefined;
    return { product: productFromRow(record), images };
  }

  /** The product columns, and its pictures as `image_set` when the image store can read them in the same statement. */
  private columnsWithImages(): string {
    const imagesSql = this.images.imageSetSql('p.id');
    return imagesSql ? `${PRODUCT_COLUMNS}, ${imagesSql} as image_set` : PRODUCT_COLUMNS;
  }


  /** A product as this viewer may see it, managed (for a change or a cart line): hidden ones exist only for staff. */
  async findForViewer(id: number, viewer: { staff: boolean }): Promise<Product | null> {
    const product = await this.em.findOne(Product, id);
    return product && (product.visibility || viewer.staff) ? product : null;
  }

  /**
   * Checkout: locks these products (in id order, so two checkouts never deadlock) and reads
   * them fresh, whatever this EntityManager saw before. The caller owns the transaction.
   */
  lockForOrder(ids: number[]): Promise<Product[]> {
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    return this.em.find(Product, { id: { $in: sorted } }, { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  /** Checkout: takes the ordered quantities out of stock (CHECK stock >= 0 is the last line of defence). */
  async takeFromStock(taken: { product: Product; quantity: number }[]): Promise<void> {
    for (const { product, quantity } of taken) product.stock -= quantity;
    await this.em.flush();
  }

  /** Adds a product and its picture together, or neither. */
  async create(fields: ProductFields, image?: ImageChange): Promise<Product> {
    return this.em.transactional(async () => {
      const product = this.em.create(Product, fields);
      await this.em.flush();
      if (image) await this.images.apply(product.id, image);
      return product;
    });
  }

  /**
   * Saves a change made from `version`. If someone saved in between, nothing is written and
   * the current product comes back, so the person can see what changed and decide again. The
   * row is locked first, so no save can slip between the version check and the write.
   */
  async update(id: number, version: number, fields: Partial<ProductFields>, image?: ImageChange): Promise<SaveResult> {
    return this.em.transactional(async (): Promise<SaveResult> => {
      const product = await this.em.findOne(Product, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!product) return { ok: false, reason: 'not-found' };
      if (product.version !== version) return { ok: false, reason: 'conflict', current: product };
      this.em.assign(product, fields);
      await this.em.flush();
      if (image) await this.images.apply(product.id, image);
      return { ok: true, product };
    });
  }

  /**
   * An import's writes, all in the caller's transaction, as set-based SQL (one statement per
   * step, whatever the number of rows): the products to update are locked in id order (as
   * checkout locks them, so the two never deadlock) and checked against the version each was
   * previewed at; then one UPDATE for them all and one INSERT for the new ones. Returns the ids
   * whose version moved on (nothing is written when there are any). The rows travel as one
   * jsonb parameter, money as decimal text ("12.50"), so no amount passes through a float and
   * no parameter limit is reached; the CHECKs on `products` still judge every row.
   */
  async saveMany(
    updates: { id: number; version: number; fields: ProductFields }[],
    adds: ProductFields[],
  ): Promise<{ ok: true } | { ok: false; changed: number[] }> {
    if (updates.length) {
      const ids = updates.map((update) => update.id).sort((a, b) => a - b);
      const locked: { id: number; version: number }[] = await this.em.execute(
        `select id, version from products where id = any(?::int[]) order by id for update`,
        [`{${ids.join(',')}}`],
      );
      const versions = new Map(locked.map((row) => [row.id, row.version]));
      const changed = updates.filter((update) => versions.get(update.id) !== update.version).map((update) => update.id);
      if (changed.length) return { ok: false, changed };
      await this.em.execute(
        `update products p
            set name = r.name, description = r.description, category = r.category, stock = r.stock,
                unit_price = r.unit_price, visibility = r.visibility, version = p.version + 1, modified = now()
           from jsonb_to_recordset(?::jsonb) as r(${RECORD_COLUMNS}, id int)
          where p.id = r.id`,
        [JSON.stringify(updates.map((update) => ({ id: update.id, ...productRecordJson(update.fields) })))],
      );
    }
    if (adds.length) {
      // In the file's order: ids are handed out as the rows come.
      await this.em.execute(
        `insert into products (name, description, category, stock, unit_price, visibility)
         select r.name, r.description, r.category, r.stock, r.unit_price, r.visibility
           from rows from (jsonb_to_recordset(?::jsonb) as (${RECORD_COLUMNS})) with ordinality as r
          order by r.ordinality`,
        [JSON.stringify(adds.map(productRecordJson))],
      );
    }
    return { ok: true };
  }

  /**
   * The products with these ids as an import's preview compares them (their fields and
   * version), by id. Plain rows, not entities: thousands of managed entities would slow the
   * hydration and every later flush of the request.
   */
  async currentFields(ids: number[]): Promise<Map<number, ProductFields & { version: number }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: number; name: string; description: string; category: string; stock: number; unit_price: string; visibility: boolean; version: number }[] =
      await this.em.execute(
        `select id, name, description, category, stock, unit_price::text as unit_price, visibility, version from products where id = any(?::int[])`,
        [`{${ids.join(',')}}`],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          name: row.name,
          description: row.description,
          category: row.category,
          stock: row.stock,
          unitPrice: moneyFromRow(row.unit_price),
          visibility: row.visibility,
          version: row.version,
        },
      ]),
    );
  }

  /** Plain SQL on this request's EntityManager (its transaction, if one is open): rows as pg gives them. */
  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.execute<T[]>(sql, params);
  }
}
