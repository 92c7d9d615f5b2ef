import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { centsToDecimal, MAX_CENTS } from '../common/money';
import { moneyFromRow } from '../common/money.type';
import type { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { confirmation, refusal } from './cart-messages';
import { parseQuantity } from './quantity';
import { ProductImagesService, type ImageView } from '../products/images/product-images.service';

export interface CartLine {
  productId: number;
  name: string;
  quantity: number;
  /** The price when added or last changed, in cents. */
  unitPrice: number;
  /** The product's price now, in cents. */
  currentPrice: number;
  priceChanged: boolean;
  subtotal: number;
  stock: number;
  available: boolean;
  /** The product's card picture (or the placeholder). */
  image?: ImageView;
}

export interface CartView {
  lines: CartLine[];
  total: number;
}

export type CartChange =
  | { ok: true; quantity: number; name: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'unavailable'; name: string }
  | { ok: false; reason: 'short'; name: string; stock: number; inCart: number }
  | { ok: false; reason: 'too-large'; name: string };

/** A cart line as checkout takes it: locked until its transaction ends. */
export interface LockedLine {
  id: number;
  productId: number;
  quantity: number;
}

/** Add to cart, as the forms ask for it: the product (to show it again) and what to say. */
export type AddOutcome =
  | { ok: true; product: Product; message: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'refused'; product: Product; message: string; typed: string };

/** A change of one line: the cart as it is afterwards, and what to say. */
export type LineOutcome =
  | { ok: true; view: CartView; message: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'refused'; view: CartView; message: string; typed: string };

/** The most one cart line may cost (what NUMERIC(12,2) and an order can hold). */
const MAX_LINE = centsToDecimal(MAX_CENTS);

/** A user's cart. Every statement is scoped to the user: another user's lines do not exist here. */
@Injectable()
export class CartService {
  constructor(
    private readonly em: EntityManager,
    private readonly products: ProductsService,
    private readonly images: ProductImagesService,
  ) {}

  /** Add to cart from a form: a visible product, and a quantity as typed (1 when not asked). */
  async addToCart(userId: number, productId: number, typedQuantity: unknown): Promise<AddOutcome> {
    const product = await this.products.findForViewer(productId, { staff: false });
    if (!product) return { ok: false, reason: 'not-found' };
    const typed = typeof typedQuantity === 'string' ? typedQuantity : '1';
    const quantity = parseQuantity(typedQuantity ?? '1', 1);
    if (!quantity.ok) return { ok: false, reason: 'refused', product, message: quantity.message, typed };
    const change = await this.add(userId, productId, quantity.quantity);
    if (change.ok) return { ok: true, product, message: confirmation(change, quantity.quantity) };
    // Hidden or deleted since it was read above.
    if (change.reason === 'not-found') return { ok: false, reason: 'not-found' };
    return { ok: false, reason: 'refused', product, message: refusal(change), typed };
  }

  /** A new quantity for a line of this cart, as typed (0 removes the line). */
  async changeQuantity(userId: number, productId: number, typedQuantity: unknown): Promise<LineOutcome> {
    // A product that is not in this user's cart is not there to change, whatever was typed.
    if (!(await this.has(userId, productId))) return { ok: false, reason: 'not-found' };
    const typed = typeof typedQuantity === 'string' ? typedQuantity : '';
    const quantity = parseQuantity(typedQuantity, 0);
    const change = quantity.ok ? await this.setQuantity(userId, productId, quantity.quantity) : undefined;
    if (change?.ok) return { ok: true, view: await this.view(userId), message: confirmation(change) };
    if (change?.reason === 'not-found') return { ok: false, reason: 'not-found' };
    const message = change ? refusal(change) : (quantity as { message: string }).message;
    return { ok: false, reason: 'refused', view: await this.view(userId), message, typed };
  }

  /** Removes a line; the cart as it is afterwards. */
  async removeLine(userId: number, productId: number): Promise<LineOutcome> {
    const change = await this.remove(userId, productId);
    if (!change.ok) return { ok: false, reason: 'not-found' };
    return { ok: true, view: await this.view(userId), message: confirmation(change) };
  }

  /**
   * Adds to the line, or creates it, in one atomic statement: two quick clicks add up instead of
   * failing or losing one, and the line never exceeds the stock at the moment of adding.
   */
  private async add(userId: number, productId: number, quantity: number): Promise<CartChange> {
    const rows: { desired_quantity: number; name: string }[] = await this.em.execute(
      `insert into cart (user_id, product_id, desired_quantity, unit_price)
       select ?, p.id, ?, p.unit_price from products p
        where p.id = ? and p.visibility and p.stock >= ? and p.unit_price * ? <= ${MAX_LINE}
       on conflict (user_id, product_id) do update
          set desired_quantity = cart.desired_quantity + excluded.desired_quantity,
              unit_price = excluded.unit_price,
              modified = now()
        where cart.desired_quantity + excluded.desired_quantity
              <= (select stock from products where id = excluded.product_id)
          and (cart.desired_quantity + excluded.desired_quantity) * excluded.unit_price <= ${MAX_LINE}
       returning desired_quantity, (select name from products where id = ?) as name`,
      [userId, quantity, productId, quantity, quantity, productId],
    );
    if (rows.length > 0) return { ok: true, quantity: rows[0].desired_quantity, name: rows[0].name };
    const inCart = (await this.em.execute(`select desired_quantity from cart where user_id = ? and product_id = ?`, [userId, productId]))[0];
    return this.whyRefused(userId, productId, false, quantity + (inCart?.desired_quantity ?? 0));
  }

  /** Sets a line's quantity (0 removes it). More than is in stock is refused. */
  private async setQuantity(userId: number, productId: number, quantity: number): Promise<CartChange> {
    if (quantity === 0) return this.remove(userId, productId);
    const rows: { desired_quantity: number; name: string }[] = await this.em.execute(
      `update cart c
          set desired_quantity = ?, unit_price = p.unit_price, modified = now()
         from products p
        where c.user_id = ? and c.product_id = ? and p.id = c.product_id
          and (? <= c.desired_quantity or (p.visibility and ? <= p.stock and p.unit_price * ? <= ${MAX_LINE}))
       returning c.desired_quantity, p.name`,
      [quantity, userId, productId, quantity, quantity, quantity],
    );
    if (rows.length > 0) return { ok: true, quantity: rows[0].desired_quantity, name: rows[0].name };
    return this.whyRefused(userId, productId, true, quantity);
  }

  private async remove(userId: number, productId: number): Promise<CartChange> {
    const rows: { name: string }[] = await this.em.execute(
      `delete from cart c using products p where c.user_id = ? and c.product_id = ? and p.id = c.product_id returning p.name`,
      [userId, productId],
    );
    return rows.length > 0 ? { ok: true, quantity: 0, name: rows[0].name } : { ok: false, reason: 'not-found' };
  }

  private async has(userId: number, productId: number): Promise<boolean> {
    const rows = await this.em.execute(`select 1 from cart where user_id = ? and product_id = ?`, [userId, productId]);
    return rows.length > 0;
  }

  /** Empties the cart; what is left (nothing, unless a line was added at that instant). */
  async clear(userId: number): Promise<CartView> {
    await this.em.execute(`delete from cart where user_id = ?`, [userId]);
    return this.view(userId);
  }

  /**
   * Checkout: the cart's lines, locked against a concurrent checkout of the same cart until
   * the caller's transaction ends.
   */
  async lockLines(userId: number): Promise<LockedLine[]> {
    const rows: { id: number; product_id: number; desired_quantity: number }[] = await this.em.execute(
      `select id, product_id, desired_quantity from cart where user_id = ? order by id for update`,
      [userId],
    );
    return rows.map((row) => ({ id: row.id, productId: row.product_id, quantity: row.desired_quantity }));
  }

  /** Checkout: removes the lines just ordered (a line added meanwhile in another tab stays). */
  async removeLines(lines: LockedLine[]): Promise<void> {
    await this.em.execute(`delete from cart where id in (?)`, [lines.map((line) => line.id)]);
  }

  /** The number of items (the sum of the quantities), for the navigation. */
  async count(userId: number): Promise<number> {
    const [row]: { n: number }[] = await this.em.execute(
      `select coalesce(sum(desired_quantity), 0)::int as n from cart where user_id = ?`,
      [userId],
    );
    return row.n;
  }

  async view(userId: number): Promise<CartView> {
    const rows: {
      product_id: number; name: string; desired_quantity: number; unit_price: string;
      current_price: string; stock: number; visibility: boolean;
    }[] = await this.em.execute(
      `select c.product_id, p.name, c.desired_quantity, c.unit_price, p.unit_price as current_price,
              p.stock, p.visibility
         from cart c join products p on p.id = c.product_id
        where c.user_id = ?
        order by c.created, c.id`,
      [userId],
    );
    const lines = rows.map((row): CartLine => {
      const unitPrice = moneyFromRow(row.unit_price);
      const currentPrice = moneyFromRow(row.current_price);
      return {
        productId: row.product_id,
        name: row.name,
        quantity: row.desired_quantity,
        unitPrice,
        currentPrice,
        priceChanged: unitPrice !== currentPrice,
        // Integer cents times a whole quantity: exact.
        subtotal: unitPrice * row.desired_quantity,
        stock: row.stock,
        available: row.visibility,
      };
    });
    const pictures = await this.images.cards(lines.map((line) => line.productId), 3);
    for (const line of lines) line.image = pictures[line.productId];
    return { lines, total: lines.reduce((sum, line) => sum + line.subtotal, 0) };
  }

  /** After a refused change: was it an unknown product, a hidden one, or too few left? */
  private async whyRefused(userId: number, productId: number, mustBeInCart = false, wanted?: number): Promise<CartChange> {
    const [row]: { name: string; stock: number; visibility: boolean; in_cart: number | null }[] = await this.em.execute(
      `select p.name, p.stock, p.visibility,
              (select desired_quantity from cart where user_id = ? and product_id = p.id) as in_cart
         from products p where p.id = ?`,
      [userId, productId],
    );
    if (!row || (mustBeInCart && row.in_cart === null)) return { ok: false, reason: 'not-found' };
    if (!row.visibility) return mustBeInCart ? { ok: false, reason: 'unavailable', name: row.name } : { ok: false, reason: 'not-found' };
    if (wanted !== undefined && wanted <= row.stock) return { ok: false, reason: 'too-large', name: row.name };
    return { ok: false, reason: 'short', name: row.name, stock: row.stock, inCart: row.in_cart ?? 0 };
  }
}
