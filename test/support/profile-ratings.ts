import type { EntityManager } from '@mikro-orm/postgresql';

export interface RatingSeed {
  username: string;
  productId: number;
  rating: number;
  comment?: string;
  visible?: boolean;
  /** When it was posted (an ISO instant); default now. */
  created?: string;
}

/**
 * Inserts a review straight into `ratings` (the product's average is left alone): profile specs
 * need reviews at chosen instants, hidden ones, and ones of hidden products.
 */
export async function insertRating(em: EntityManager, seed: RatingSeed): Promise<number> {
  const created = seed.created ?? new Date().toISOString();
  const [row] = await em.getConnection().execute(
    `insert into ratings (product_id, user_id, rating, comment, is_visible, created, modified)
     select ?, u.id, ?, ?, ?, ?::timestamptz, ?::timestamptz from users u where u.username = ?
     returning id`,
    [seed.productId, seed.rating, seed.comment ?? '', seed.visible ?? true, created, created, seed.username],
  );
  if (!row) throw new Error(`no user ${seed.username}`);
  return row.id as number;
}

/** Makes a profile public (or private) straight in the database. */
export async function setPublic(em: EntityManager, username: string, isPublic: boolean): Promise<void> {
  await em.getConnection().execute('update users set is_public = ? where username = ?', [isPublic, username]);
}

/** The product names a profile page lists, in page order. */
export function reviewedProductNames(html: string): string[] {
  return [...html.matchAll(/<h3><a href="\/products\/\d+">([^<]+)<\/a>/g)].map((match) => match[1]);
}
