import { signedUp, type NewAccount } from './accounts';
import { agent, csrfFrom, type Agent } from './http';
import { insertOrder } from './orders';
import type { TestApp } from './test-app';

/** A signed-in customer with an order (placed, unless said otherwise) holding each of these products. */
export async function buyerOf(
  t: TestApp,
  productIds: number[],
  status: 'placed' | 'shipped' | 'delivered' | 'cancelled' = 'placed',
  prefix = 'buyer',
): Promise<{ client: Agent; account: NewAccount }> {
  const client = agent(t.server);
  const account = await signedUp(client, prefix);
  if (productIds.length) {
    await insertOrder(t.em(), {
      username: account.username,
      created: new Date().toISOString(),
      status,
      lines: productIds.map((productId) => ({ productId, quantity: 1, price: '10.00' })),
    });
  }
  return { client, account };
}

/** Opens the product's page (or the log-in page when it shows no form) and posts the review form. */
export async function postReview(
  client: Agent,
  productId: number,
  fields: { rating?: string; comment?: string },
  headers: Record<string, string> = {},
) {
  const page = await client.get(`/products/${productId}`);
  const token = page.text.includes('name="_csrf"') ? csrfFrom(page.text) : csrfFrom((await client.get('/login')).text);
  return client
    .post(`/products/${productId}/reviews`)
    .set(headers)
    .type('form')
    .send({ rating: '', comment: '', ...fields, _csrf: token });
}

/** Presses Hide review or Show review on a review, as staff. */
export async function setReviewVisibility(client: Agent, productId: number, reviewId: number, action: 'hide' | 'show', headers: Record<string, string> = {}) {
  const token = csrfFrom((await client.get(`/products/${productId}`)).text);
  return client.post(`/products/${productId}/reviews/${reviewId}/${action}`).set(headers).type('form').send({ _csrf: token, page: '1' });
}

/** The product's kept average and count, and the visible ratings' own, straight from the database. */
export async function ratingState(t: TestApp, productId: number) {
  const [kept] = await t.em().getConnection().execute('select average_rating, rating_count from products where id = ?', [productId]);
  const [actual] = await t
    .em()
    .getConnection()
    .execute('select count(*)::int as n, round(avg(rating), 4)::text as average from ratings where product_id = ? and is_visible', [productId]);
  return {
    average: kept.average_rating === null ? null : String(kept.average_rating),
    count: kept.rating_count as number,
    actual: { average: actual.average as string | null, count: actual.n as number },
  };
}

/** The "N out of 5" of each review on a page, in order. */
export function reviewRatings(html: string): number[] {
  return [...html.matchAll(/<strong>(\d) out of 5<\/strong>/g)].map((match) => Number(match[1]));
}
