import { csrfFrom, type Agent } from './http';

export const ADDRESS = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  address: '12 Analytical Row',
  apartment: 'Flat 3',
  city: 'London',
  state: 'Greater London',
  country: 'United Kingdom',
  zipCode: 'W1 1AA',
};

/** The hidden fields of the checkout page as the browser would send them back. */
export function checkoutFields(html: string): { _csrf: string; checkoutToken: string; expectedCart: string } {
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { _csrf: csrfFrom(html), checkoutToken: field('checkoutToken'), expectedCart: field('expectedCart') };
}

/** Opens /checkout and returns what a Place order click would send, plus the page. */
export async function openCheckout(client: Agent, payment: { paymentMethod?: string; amountPaid?: string } = {}) {
  const page = await client.get('/checkout');
  const fields = { ...checkoutFields(page.text), ...ADDRESS, paymentMethod: 'Visa', amountPaid: '100000', ...payment };
  return { page, fields };
}

export function placeOrder(client: Agent, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return client.post('/checkout').set(headers).type('form').send(fields);
}

export async function addToCart(client: Agent, productId: number, quantity: number): Promise<void> {
  const token = csrfFrom((await client.get('/cart')).text.includes('_csrf') ? (await client.get('/cart')).text : (await client.get('/account')).text);
  const res = await client.post('/cart/items').type('form').send({ _csrf: token, productId: String(productId), quantity: String(quantity) });
  if (res.status !== 303) throw new Error(`add to cart failed: ${res.status}`);
}
