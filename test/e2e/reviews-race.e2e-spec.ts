import { signedInWithRole } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { csrfFrom } from '../support/http';
import { buyerOf, ratingState } from '../support/reviews';
import { createTestApp, type TestApp } from '../support/test-app';
import { SERVER_URL } from '../support/test-database';

/** Transactions really run side by side only on a PostgreSQL server (PGlite runs one at a time). */
const onServer = SERVER_URL ? it : it.skip;

/** The kept average under contention: no review's change may be lost. */
describe('reviews at the same instant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function readyBuyers(productId: number, count: number) {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const { client } = await buyerOf(t, [productId], 'placed', 'racer');
        const token = csrfFrom((await client.get(`/products/${productId}`)).text);
        return { client, token };
      }),
    );
  }

  onServer('counts all 20 reviews that 20 buyers post at the same instant, with the exact average', async () => {
    const id = await insertProduct(t.em(), { name: 'Popular Teapot' });
    const buyers = await readyBuyers(id, 20);
    // 3, 4, 5, 3, 4, 5, …: seven 3s, seven 4s, six 5s = 79 / 20.
    const results = await Promise.all(
      buyers.map(({ client, token }, i) =>
        client.post(`/products/${id}/reviews`).type('form').send({ _csrf: token, rating: String((i % 3) + 3), comment: `Racer ${i}` }),
      ),
    );
    expect(results.map((res) => res.status)).toEqual(Array(20).fill(303));
    expect(await ratingState(t, id)).toEqual({ average: '3.9500', count: 20, actual: { average: '3.9500', count: 20 } });
  }, 120_000);

  onServer('keeps the average exact when reviews are replaced and hidden at the same instant', async () => {
    const id = await insertProduct(t.em(), { name: 'Contested Teapot' });
    const buyers = await readyBuyers(id, 10);
    for (const { client, token } of buyers) await client.post(`/products/${id}/reviews`).type('form').send({ _csrf: token, rating: '1' }).expect(303);
    const { client: staff } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    const staffToken = csrfFrom((await staff.get(`/products/${id}`)).text);
    const reviews: { id: number }[] = await t.em().getConnection().execute('select id from ratings where product_id = ? order by id limit 3', [id]);
    const results = await Promise.all([
      ...buyers.map(({ client, token }) => client.post(`/products/${id}/reviews`).type('form').send({ _csrf: token, rating: '5' })),
      ...reviews.map((review) => staff.post(`/products/${id}/reviews/${review.id}/hide`).type('form').send({ _csrf: staffToken })),
    ]);
    expect(results.map((res) => res.status)).toEqual(Array(13).fill(303));
    expect(await ratingState(t, id)).toEqual({ average: '5.0000', count: 7, actual: { average: '5.0000', count: 7 } });
  }, 120_000);
});
