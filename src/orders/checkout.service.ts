import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { CartService, type CartLine } from '../cart/cart.service';
import type { FieldErrors, FormResult } from '../common/form';
import { MAX_CENTS, parseMoneyInput } from '../common/money';
import { ProductsService } from '../products/products.service';
import { cartSignature, movedSince, type CartMoved } from './cart-signature';
import { newCheckoutToken, sentCheckoutToken } from './checkout-token';
import { addressFieldsOf, formatAddress, type CheckoutDto } from './dto/checkout.dto';
import { OrderItem } from './order-item.entity';
import { Order, type AddressFields, type PaymentMethod } from './order.entity';
import { OrdersService } from './orders.service';

export interface CheckoutLine extends CartLine {
  /** The line at the current price: what checkout will charge. */
  currentCost: number;
}

/** The cart as checkout will charge it, and its signature for the form (see cartSignature). */
export interface CheckoutSummary {
  lines: CheckoutLine[];
  total: number;
  signature: string;
}

export type CheckoutProblem =
  | { productId: number; name: string; kind: 'short'; available: number; requested: number }
  | { productId: number; name: string; kind: 'unavailable' };

/** Why an order was not placed: expected outcomes, each shown to the buyer in words. */
export type CheckoutRefusal =
  | { reason: 'empty-cart' }
  | { reason: 'problems'; problems: CheckoutProblem[] }
  | ({ reason: 'changed'; total: number } & CartMoved)
  | { reason: 'too-large'; total: number }
  | { reason: 'underpaid'; total: number; amountPaid: number };

export type CheckoutResult = { ok: true; orderId: number } | ({ ok: false } & CheckoutRefusal);

/** What the checkout page shows: the summary, the form's values and errors, why not (if so). */
export interface CheckoutPage {
  summary: CheckoutSummary;
  values: Record<string, string>;
  errors: FieldErrors;
  refusal?: CheckoutRefusal;
  /** The token this form carries: the one sent back when resubmitting, else a new one. */
  checkoutToken: string;
}

export type CheckoutSubmission = { ok: true; orderId: number } | { ok: false; page: CheckoutPage };

interface OrderInput {
  userId: number;
  checkoutToken: string;
  expectedCart: string | undefined;
  paymentMethod: PaymentMethod;
  amountPaid: number;
  addressFields: AddressFields;
}

/**
 * Checkout, the one use case that writes across features (orders, stock, cart). Placing an
 * order is one unit of work: `em.transactional` opens it here, and the cart and products
 * services it calls run on that transaction's EntityManager (MikroORM's transaction context
 * is what the injected EntityManager resolves to inside the callback), as AccountService does.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly em: EntityManager,
    private readonly cart: CartService,
    private readonly products: ProductsService,
    private readonly orders: OrdersService,
  ) {}

  /** The empty form: prefilled with the address of the buyer's last order. */
  async blankForm(userId: number): Promise<CheckoutPage> {
    const last = await this.orders.lastAddress(userId);
    return { summary: await this.summary(userId), values: { ...(last ?? {}) }, errors: {}, checkoutToken: newCheckoutToken() };
  }

  /**
   * The cart as checkout would charge it now and, when the form showed something else
   * (`expectedCart`), how it moved: the next submit then confirms what is shown.
   */
  async prepare(userId: number, expectedCart: string | undefined): Promise<{ summary: CheckoutSummary; moved?: CheckoutRefusal }> {
    const summary = await this.summary(userId);
    const moved = expectedCart === undefined ? undefined : movedSince(expectedCart, summary.signature);
    return { summary, moved: moved && { reason: 'changed', total: summary.total, ...moved } };
  }

  /** The posted form: invalid input, the order placed, or the page again saying why not. */
  async submit(userId: number, form: FormResult<CheckoutDto>): Promise<CheckoutSubmission> {
    const sent = sentCheckoutToken(form.values.checkoutToken);
    const checkoutToken = sent ?? newCheckoutToken();
    if (!form.valid) {
      // Say so now if the cart or its prices moved too.
      const { summary, moved } = await this.prepare(userId, form.values.expectedCart);
      return { ok: false, page: { summary, values: form.values, errors: form.errors, refusal: moved, checkoutToken } };
    }
    const result = await this.placeOrder({
      userId,
      checkoutToken,
      expectedCart: form.value.expectedCart,
      paymentMethod: form.value.paymentMethod as PaymentMethod,
      amountPaid: parseMoneyInput(form.value.amountPaid)!,
      addressFields: addressFieldsOf(form.value),
    });
    if (result.ok) return result;
    const { ok: _, ...refusal } = result;
    return { ok: false, page: { summary: await this.summary(userId), values: form.values, errors: {}, refusal, checkoutToken } };
  }

  private async summary(userId: number): Promise<CheckoutSummary> {
    const view = await this.cart.view(userId);
    const lines = view.lines.map((line) => ({ ...line, currentCost: line.currentPrice * line.quantity }));
    const signature = cartSignature(lines.map((line) => ({ productId: line.productId, quantity: line.quantity, price: line.currentPrice })));
    return { lines, total: lines.reduce((sum, line) => sum + line.currentCost, 0), signature };
  }

  private async placeOrder(input: OrderInput): Promise<CheckoutResult> {
    try {
      const result = await this.em.transactional(() => this.inTransaction(input));
      if (result.ok) return result;
      // A form sent again (double click, Back and resubmit, two tabs) finds its first order:
      // the cart is empty (or moved) because that order took it. Looked up only when refused,
      // so the order placed first time pays no extra query.
      const winner = await this.orderIdForToken(input);
      return winner === undefined ? result : { ok: true, orderId: winner };
    } catch (error) {
      // Two submits of one form at the same instant: the unique token lets only one through.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const first = await this.orderIdForToken(input);
      if (first === undefined) throw error;
      return { ok: true, orderId: first };
    }
  }

  private async inTransaction(input: OrderInput): Promise<CheckoutResult> {
    // 1. Lock the buyer's cart lines (in id order) against a concurrent checkout of the same cart.
    const lines = await this.cart.lockLines(input.userId);
    if (lines.length === 0) return { ok: false, reason: 'empty-cart' };

    // 2. Lock their products in id order (so two checkouts never deadlock) and read them fresh.
    const products = await this.products.lockForOrder(lines.map((line) => line.productId));
    const byId = new Map(products.map((product) => [product.id, product]));
    const ordered = lines.map((line) => ({ line, product: byId.get(line.productId)!, quantity: line.quantity }));

    // 3. Every product still visible and in stock for the quantity asked; else write nothing.
    const problems: CheckoutProblem[] = [];
    for (const { product, quantity } of ordered) {
      if (!product.visibility) problems.push({ productId: product.id, name: product.name, kind: 'unavailable' });
      else if (product.stock < quantity) {
        problems.push({ productId: product.id, name: product.name, kind: 'short', available: product.stock, requested: quantity });
      }
    }
    if (problems.length > 0) return { ok: false, reason: 'problems', problems };

    // 4. Charge current prices, but only for the lines and prices the buyer saw: else ask again.
    const signed = ordered.map(({ product, quantity }) => ({ productId: product.id, quantity, price: product.unitPrice }));
    const total = signed.reduce((sum, line) => sum + line.price * line.quantity, 0);
    const moved = movedSince(input.expectedCart, cartSignature(signed));
    if (moved) return { ok: false, reason: 'changed', total, ...moved };
    if (total > MAX_CENTS) return { ok: false, reason: 'too-large', total };

    // 5. The stand-in payment check: the amount paid covers the total.
    if (input.amountPaid < total) return { ok: false, reason: 'underpaid', total, amountPaid: input.amountPaid };

    // 6. The order, with its token, and a copy of every cart line at the current price.
    const order = this.em.create(Order, {
      user: input.userId,
      totalPrice: total,
      address: formatAddress(input.addressFields),
      addressFields: input.addressFields,
      paymentMethod: input.paymentMethod,
      moneyReceived: input.amountPaid,
      checkoutToken: input.checkoutToken,
    });
    for (const { product, quantity } of ordered) {
      this.em.create(OrderItem, { order, product, productName: product.name, quantity, unitPrice: product.unitPrice });
    }
    await this.em.flush();

    // 7. Take the ordered quantities out of stock (CHECK stock >= 0 is the last line of defence).
    await this.products.takeFromStock(ordered);

    // 8. Empty the cart of the lines just ordered (a line added meanwhile in another tab stays).
    await this.cart.removeLines(lines);

    // 9. Commit happens as this callback returns; the caller then shows the confirmation.
    return { ok: true, orderId: order.id };
  }

  private async orderIdForToken(input: OrderInput): Promise<number | undefined> {
    const order = await this.em.findOne(Order, { checkoutToken: input.checkoutToken, user: input.userId }, { fields: ['id'] });
    return order?.id;
  }
}
