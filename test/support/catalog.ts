import type { EntityManager } from '@mikro-orm/postgresql';

export interface ProductSeed {
  name: string;
  category?: string;
  price?: string;
  stock?: number;
  visible?: boolean;
  /** Minutes ago it was created: larger is older. */
  age?: number;
  description?: string;
}

/** Inserts a product straight into the database and returns its id. */
export async function insertProduct(em: EntityManager, seed: ProductSeed): Promise<number> {
  const [row] = await em.getConnection().execute(
    `insert into products (name, description, category, stock, unit_price, visibility, created, modified)
     values (?, ?, ?, ?, ?::numeric, ?, now() - make_interval(mins => ?), now())
     returning id`,
    [
      seed.name,
      seed.description ?? '',
      seed.category ?? 'General',
      seed.stock ?? 10,
      seed.price ?? '10.00',
      seed.visible ?? true,
      seed.age ?? 0,
    ],
  );
  return row.id as number;
}

/** Names of the products on a shop or admin page, in page order. */
export function productNames(html: string): string[] {
  return [...html.matchAll(/<a href="\/products\/\d+">([^<]+)<\/a><\/h2>|<td><a href="\/products\/\d+">([^<]+)<\/a>/g)].map(
    (match) => decode(match[1] ?? match[2]),
  );
}

function decode(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=');
}
