import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '../common/clock';
import type { FieldErrors, FormResult } from '../common/form';
import { pageNav, type PageNav, type PageRequest } from '../common/pagination';
import type { ReviewDto } from './dto/review.dto';
import { ProductReviewsQuery, type OwnReview, type RatingSummary, type ReviewRow } from './product-reviews.query';
import { ONLY_BUYERS, oneDecimal, reviewCount, stars } from './rating-text';

/** Who is looking: signed out (no userId), a customer, or staff (who also see hidden reviews). */
export interface Viewer {
  userId?: number;
  staff: boolean;
}

export type PostOutcome =
  | { ok: true; replaced: boolean }
  | { ok: false; reason: 'not-found' | 'not-buyer' }
  | { ok: false; reason: 'invalid'; values: Record<string, string>; errors: FieldErrors };

export type VisibilityOutcome = { ok: true } | { ok: false; reason: 'not-found' };

/** The average as pages show it. */
export interface SummaryView {
  count: number;
  /** "4.3" (one decimal), empty when there are no visible reviews. */
  average: string;
  /** "27 reviews". */
  countText: string;
}

/** Everything the reviews block of a product's page shows (views/reviews/_reviews.hbs). */
export type ReviewsBlock = {
  productId: number;
  productName: string;
  summary: SummaryView;
  items: (Omit<ReviewRow, 'isVisible'> & { hidden: boolean; stars: string })[];
  nav: PageNav;
  /** The page of reviews shown: Hide and Show come back to it. */
  page: number;
  staff: boolean;
  signedIn: boolean;
  mayReview: boolean;
  onlyBuyers: string;
  /** The form's values: as typed after an error, else the viewer's own review, else empty. */
  values: { rating: string; comment: string };
  errors: FieldErrors;
  own?: OwnReview;
};

/**
 * Reviews: who may write one, posting (a second post replaces the first), staff hiding and
 * showing, and each product's average and count, which this service alone keeps.
 *
 * Every change runs in one transaction that first locks the product's row: changes to one
 * product's ratings queue there, so when the aggregate UPDATE runs (a new statement, hence a
 * new snapshot under READ COMMITTED) it sees every rating committed before it, and twenty
 * reviews posted at the same instant count twenty.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly em: EntityManager,
    private readonly query: ProductReviewsQuery,
    private readonly clock: Clock,
  ) {}

  /** The reviews block of a product's page; `listUrl` is the URL its page links are built from. */
  async productReviews(
    productId: number,
    viewer: Viewer,
    listUrl: string,
    request: PageRequest,
    typed?: { values: Record<string, string>; errors: FieldErrors },
  ): Promise<ReviewsBlock> {
    const [summary, page, own, mayReview] = await Promise.all([
      this.query.summary(productId),
      this.query.page(productId, { includeHidden: viewer.staff }, request),
      viewer.userId ? this.query.own(productId, viewer.userId) : undefined,
      viewer.userId ? this.query.hasBought(viewer.userId, productId) : false,
    ]);
    const values = typed
      ? { rating: typed.values.rating ?? '', comment: typed.values.comment ?? '' }
      : { rating: own ? String(own.rating) : '', comment: own?.comment ?? '' };
    return {
      productId,
      productName: summary?.productName ?? '',
      summary: summaryView(summary ?? { productName: '', average: null, count: 0 }),
      items: page.rows.map(({ isVisible, ...row }) => ({ ...row, hidden: !isVisible, stars: stars(row.rating) })),
      nav: pageNav({ originalUrl: listUrl }, page),
      page: page.page,
      staff: viewer.staff,
      signedIn: viewer.userId !== undefined,
      mayReview,
      onlyBuyers: ONLY_BUYERS,
      values,
      errors: typed?.errors ?? {},
      own,
    };
  }

  /** Posts the viewer's review of a product, or replaces theirs; refused to anyone who did not buy it. */
  async post(productId: number, viewer: Viewer & { userId: number }, form: FormResult<ReviewDto>): Promise<PostOutcome> {
    if (!form.valid) {
      // Nothing to write: who may post still comes first (a stranger's bad input is a 403, not a 422).
      const access = await this.access(productId, viewer, false);
      return access === 'ok' ? { ok: false, reason: 'invalid', values: form.values, errors: form.errors } : { ok: false, reason: access };
    }
    const { rating, comment } = form.value;
    return this.em.transactional(async (em): Promise<PostOutcome> => {
      // 1. Lock the product (and see that it is there for this viewer); 2. only buyers.
      const access = await this.access(productId, viewer, true);
      if (access !== 'ok') return { ok: false, reason: access };
      // 3. Theirs already? Under the product's lock nobody else can add it meanwhile.
      const existing: unknown[] = await em.execute('select 1 from ratings where product_id = ? and user_id = ?', [productId, viewer.userId]);
      // 4. Insert or replace (the unique pair stays the last word); `modified` moves, `created` stays.
      const now = this.clock.now();
      await em.execute(
        `insert into ratings (product_id, user_id, rating, comment, created, modified) values (?, ?, ?, ?, ?, ?)
         on conflict (product_id, user_id) do update set rating = excluded.rating, comment = excluded.comment, modified = excluded.modified`,
        [productId, viewer.userId, Number(rating), comment, now, now],
      );
      // 5. The product's average and count, from the ratings themselves.
      await this.recount(em, productId);
      return { ok: true, replaced: existing.length > 0 };
    });
  }

  /** Staff: hides a review (it leaves the list and the average) or shows it again. */
  async setVisibility(productId: number, reviewId: number, visible: boolean): Promise<VisibilityOutcome> {
    return this.em.transactional(async (em): Promise<VisibilityOutcome> => {
      // 1. Lock the product, as every change to its ratings does.
      const locked: unknown[] = await em.execute('select id from products where id = ? for update', [productId]);
      if (locked.length === 0) return { ok: false, reason: 'not-found' };
      // 2. Only a review of this product; the buyer's `modified` is theirs, so it stays.
      const changed: unknown[] = await em.execute('update ratings set is_visible = ? where id = ? and product_id = ? returning id', [
        visible,
        reviewId,
        productId,
      ]);
      if (changed.length === 0) return { ok: false, reason: 'not-found' };
      // 3. The average and count again.
      await this.recount(em, productId);
      return { ok: true };
    });
  }

  /**
   * May this viewer post a review of this product? Hidden products exist only for staff. With
   * `lock`, the product's row is locked for the rest of the caller's transaction.
   */
  private async access(productId: number, viewer: Viewer & { userId: number }, lock: boolean): Promise<'ok' | 'not-found' | 'not-buyer'> {
    const [product]: { visibility: boolean }[] = await this.em.execute(
      `select visibility from products where id = ?${lock ? ' for update' : ''}`,
      [productId],
    );
    if (!product || (!product.visibility && !viewer.staff)) return 'not-found';
    return (await this.query.hasBought(viewer.userId, productId)) ? 'ok' : 'not-buyer';
  }

  /**
   * One UPDATE with the aggregate of the visible ratings, under the product's row lock. It sets
   * neither `version` nor `modified`: a review is not an edit of the product, and a staff edit
   * opened before it must not be refused as a conflict.
   */
  private async recount(em: EntityManager, productId: number): Promise<void> {
    await em.execute(
      `update products p set rating_count = agg.n, average_rating = agg.average
         from (select count(*)::int as n, round(avg(rating), 4) as average from ratings where product_id = ? and is_visible) agg
        where p.id = ?`,
      [productId, productId],
    );
  }
}

function summaryView(summary: RatingSummary): SummaryView {
  return { count: summary.count, average: oneDecimal(summary.average), countText: reviewCount(summary.count) };
}
