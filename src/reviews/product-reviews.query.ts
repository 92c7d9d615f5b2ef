import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { fetchPage, type Page, type PageRequest } from '../common/pagination';

/** Reviews a page on a product's page (the contract's "Lists: pages"). */
export const REVIEWS_PER_PAGE = 10;

/** One review as the product page shows it: never the reviewer's email. */
export interface ReviewRow {
  id: number;
  rating: number;
  comment: string;
  username: string;
  /** The reviewer's profile is public: their name links to /users/:username. */
  isPublic: boolean;
  isVisible: boolean;
  created: Date;
}

/** The viewer's own review of the product, to prefill the form. */
export interface OwnReview {
  rating: number;
  comment: string;
  isVisible: boolean;
  created: Date;
  modified: Date;
}

/** A product's average (a decimal string, null when unrated) and number of visible ratings. */
export interface RatingSummary {
  productName: string;
  average: string | null;
  count: number;
}

/**
 * Reads for a product's reviews. Plain SQL on `ratings`, `users`, `products` and `orders`: all
 * reads, served by the ratings' indexes (the visible ones by their partial index).
 */
@Injectable()
export class ProductReviewsQuery {
  constructor(private readonly em: EntityManager) {}

  /** The product's kept average and count (read fresh: the row may have moved in this request). */
  async summary(productId: number): Promise<RatingSummary | undefined> {
    const [row]: { name: string; average_rating: string | null; rating_count: number }[] = await this.em.execute(
      'select name, average_rating, rating_count from products where id = ?',
      [productId],
    );
    if (!row) return undefined;
    return { productName: row.name, average: row.average_rating === null ? null : String(row.average_rating), count: row.rating_count };
  }

  /** The newest reviews first, ties by id: visible ones, or (staff) hidden ones too. */
  page(productId: number, options: { includeHidden: boolean }, request: PageRequest): Promise<Page<ReviewRow>> {
    const visible = options.includeHidden ? '' : 'and r.is_visible';
    return fetchPage(request, {
      count: async (cap) => {
        const [row]: { n: number }[] = await this.em.execute(
          `select count(*)::int as n from (select 1 from ratings r where r.product_id = ? ${visible} limit ?) capped`,
          [productId, cap],
        );
        return row.n;
      },
      rows: async ({ limit, offset }) => {
        const rows: {
          id: number;
          rating: number;
          comment: string;
          username: string;
          is_public: boolean;
          is_visible: boolean;
          created: Date | string;
        }[] = await this.em.execute(
          `select r.id, r.rating, r.comment, u.username, u.is_public, r.is_visible, r.created
             from ratings r join users u on u.id = r.user_id
            where r.product_id = ? ${visible}
            order by r.created desc, r.id desc
            limit ? offset ?`,
          [productId, limit, offset],
        );
        return rows.map((row) => ({
          id: row.id,
          rating: row.rating,
          comment: row.comment,
          username: row.username,
          isPublic: row.is_public,
          isVisible: row.is_visible,
          created: new Date(row.created),
        }));
      },
    });
  }

  async own(productId: number, userId: number): Promise<OwnReview | undefined> {
    const [row]: { rating: number; comment: string; is_visible: boolean; created: Date | string; modified: Date | string }[] =
      await this.em.execute('select rating, comment, is_visible, created, modified from ratings where product_id = ? and user_id = ?', [
        productId,
        userId,
      ]);
    return row
      ? { rating: row.rating, comment: row.comment, isVisible: row.is_visible, created: new Date(row.created), modified: new Date(row.modified) }
      : undefined;
  }

  /** Who may review: an order of theirs holds the product and is not cancelled. */
  async hasBought(userId: number, productId: number): Promise<boolean> {
    const [row]: { bought: boolean }[] = await this.em.execute(
      `select exists (
         select 1 from order_items i join orders o on o.id = i.order_id
          where i.product_id = ? and o.user_id = ? and o.status <> 'cancelled'
       ) as bought`,
      [productId, userId],
    );
    return row.bought;
  }
}
