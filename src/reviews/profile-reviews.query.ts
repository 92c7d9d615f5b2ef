import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { fetchPage, type Page, type PageRequest } from '../common/pagination';

export const PROFILE_REVIEWS_PER_PAGE = 10;

/** One review on a user's public profile, with the product it is about. */
export interface ProfileReview {
  id: number;
  rating: number;
  comment: string;
  created: Date;
  product: { id: number; name: string; visible: boolean };
}

type RawRow = { id: number; rating: number; comment: string; created: Date | string; product_id: number; product_name: string; visibility: boolean };

/**
 * The reviews a profile lists: the user's visible reviews (staff hide a review from every list),
 * newest first with ties by id (the `ratings_user_created_index` order), each with its product's
 * name. A review of a hidden product is left out unless the viewer is staff, who may open that
 * product: its name is not for the public.
 */
@Injectable()
export class ProfileReviewsQuery {
  constructor(private readonly em: EntityManager) {}

  page(userId: number, request: PageRequest, viewer: { staff: boolean }): Promise<Page<ProfileReview>> {
    const from = `from ratings r join products p on p.id = r.product_id
                  where r.user_id = ? and r.is_visible${viewer.staff ? '' : ' and p.visibility'}`;
    return fetchPage(request, {
      count: async (cap) => {
        // Counting stops at what the page links can reach.
        const [row]: { n: number }[] = await this.em.execute(`select count(*)::int as n from (select 1 ${from} limit ?) capped`, [userId, cap]);
        return row?.n ?? 0;
      },
      rows: async (window) => {
        const rows: RawRow[] = await this.em.execute(
          `select r.id, r.rating, r.comment, r.created, p.id as product_id, p.name as product_name, p.visibility
             ${from} order by r.created desc, r.id desc limit ? offset ?`,
          [userId, window.limit, window.offset],
        );
        return rows.map(toReview);
      },
    });
  }
}

function toReview(row: RawRow): ProfileReview {
  return {
    id: row.id,
    rating: row.rating,
    comment: row.comment,
    created: new Date(row.created),
    product: { id: row.product_id, name: row.product_name, visible: row.visibility },
  };
}
