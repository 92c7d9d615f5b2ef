import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager, OptimisticLockError, type QueryBuilder } from '@mikro-orm/postgresql';
import type { ProductFields } from './dto/product.dto';
import { Product } from './product.entity';
import { containsPattern } from '../common/like';
import { cappedCount, fetchPage, type Page, type PageRequest } from '../common/pagination';
import type { ProductFilters } from './product-filters';

/** Products a page, on the shop and on the staff list alike (the contract's "Lists: pages"). */
export const PRODUCTS_PER_PAGE = 10;

export type SaveResult =
  | { ok: true; product: Product }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; current: Product };

/** The catalog: what the shop lists, what staff change. */
@Injectable()
export class ProductsService {
  constructor(private readonly em: EntityManager) {}

  /** The shop: visible products only, a page at a time. */
  listVisible(filters: ProductFilters, request: PageRequest): Promise<Page<Product>> {
    return this.page({ ...filters, visibility: 'visible' }, request);
  }

  /** Staff: every product, whatever its visibility, a page at a time. */
  listAll(filters: ProductFilters, request: PageRequest): Promise<Page<Product>> {
    return this.page(filters, request);
  }

  private page(filters: ProductFilters, request: PageRequest): Promise<Page<Product>> {
    return fetchPage(request, {
      count: (cap) => cappedCount(this.em, this.filtered(filters), cap),
      rows: ({ limit, offset }) => this.filtered(filters).limit(limit).offset(offset).getResultList(),
    });
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

  /** A product as this viewer may see it: hidden ones exist only for staff. */
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

  async create(fields: ProductFields): Promise<Product> {
    const product = this.em.create(Product, fields);
    await this.em.flush();
    return product;
  }

  /**
   * Saves a change made from `version`. If someone saved in between, nothing is written and
   * the current product comes back, so the person can see what changed and decide again.
   */
  async update(id: number, version: number, fields: Partial<ProductFields>): Promise<SaveResult> {
    const product = await this.em.findOne(Product, id);
    if (!product) return { ok: false, reason: 'not-found' };
    if (product.version !== version) return { ok: false, reason: 'conflict', current: product };
    this.em.assign(product, fields);
    try {
      // The UPDATE itself checks the version too: a save that raced past the check above fails here.
      await this.em.flush();
      return { ok: true, product };
    } catch (error) {
      if (!(error instanceof OptimisticLockError)) throw error;
      this.em.clear();
      const current = await this.em.findOne(Product, id);
      return current ? { ok: false, reason: 'conflict', current } : { ok: false, reason: 'not-found' };
    }
  }

  private filtered(filters: ProductFilters): QueryBuilder<Product> {
    const qb = this.em.createQueryBuilder(Product, 'p').select('*');
    if (filters.visibility === 'visible') qb.andWhere({ visibility: true });
    if (filters.visibility === 'hidden') qb.andWhere({ visibility: false });
    // lower(name) LIKE '%…%' is served by the pg_trgm GIN index on lower(name).
    if (filters.name) qb.andWhere(`lower(p.name) like ? escape '\\'`, [containsPattern(filters.name.toLowerCase())]);
    if (filters.category) qb.andWhere({ category: filters.category });
    if (filters.sort === 'price_asc') qb.orderBy({ unitPrice: 'asc', id: 'asc' });
    else if (filters.sort === 'price_desc') qb.orderBy({ unitPrice: 'desc', id: 'desc' });
    else qb.orderBy({ created: 'desc', id: 'desc' });
    return qb;
  }
}
