import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { CartItem } from '../cart/cart-item.entity';
import { MAX_CENTS } from '../common/money';
import { cartComposition, cartSignature } from './cart-signature';
import { Product } from '../products/product.entity';
import { OrderItem } from './order-item.entity';
import { Order, type AddressFields, type PaymentMethod } from './order.entity';

export interface CheckoutInput {
  userId: number;
  checkoutToken: string;
  /** The lines and prices the buyer saw on the checkout page (see cartSignature). */
  expectedCart: string | undefined;
  paymentMethod: PaymentMethod;
  amountPaid: number;
  address: string;
  addressFields: AddressFields;
}

export type CheckoutProblem =
  | { productId: number; name: string; kind: 'short'; available: number; requested: number }
  | { productId: number; name: string; kind: 'unavailable' };

export type CheckoutResult =
  | { ok: true; orderId: number; repeated: boolean }
  | { ok: false; reason: 'empty-cart' }
  | { ok: false; reason: 'problems'; problems: CheckoutProblem[] }
  | { ok: false; reason: 'changed'; total: number; cartChanged: boolean }
  | { ok: false; reason: 'too-large'; total: number }
  | { ok: false; reason: 'underpaid'; total: number; amountPaid: number };

/**
 * Placing an order: the one use case that writes across features (orders, stock, cart), in one
 * unit of work. The services it would call are not used here on purpose: every statement must
 * run on this transaction's EntityManager.
 */
@Injectable()
export class CheckoutService {
  constructor(private readonly em: EntityManager) {}

  async placeOrder(input: CheckoutInput): Promise<CheckoutResult> {
    // A form sent twice (double click, Back and resubmit, two tabs) finds the first order.
    const earlier = await this.orderIdForToken(input);
    if (earlier !== undefined) return { ok: true, orderId: earlier, repeated: true };
    try {
      const result = await this.em.transactional(() => this.inTransaction(input));
      if (result.ok) return result;
      // The same form, sent at the same instant, may have won while this one waited for the
      // cart's locks: then this cart is empty because that order took it.
      const winner = await this.orderIdForToken(input);
      return winner === undefined ? result : { ok: true, orderId: winner, repeated: true };
    } catch (error) {
      // Two submits of one form at the same instant: the unique token lets only one through.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const first = await this.orderIdForToken(input);
      if (first === undefined) throw error;
      return { ok: true, orderId: first, repeated: true };
    }
  }

  private async inTransaction(input: CheckoutInput): Promise<CheckoutResult> {
    // 1. Load the buyer's cart lines, locking them against a concurrent checkout of the same cart.
    const lines = await this.em.find(
      CartItem,
      { user: input.userId },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (lines.length === 0) return { ok: false, reason: 'empty-cart' };

    // 2. Lock their products in id order (so two checkouts never deadlock) and read them fresh.
    const productIds = [...new Set(lines.map((line) => line.product.id))].sort((a, b) => a - b);
    const products = await this.em.find(
      Product,
      { id: { $in: productIds } },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    const byId = new Map(products.map((product) => [product.id, product]));

    // 3. Every product still visible and in stock for the quantity asked; else write nothing.
    const problems: CheckoutProblem[] = [];
    for (const line of lines) {
      const product = byId.get(line.product.id)!;
      if (!product.visibility) problems.push({ productId: product.id, name: product.name, kind: 'unavailable' });
      else if (product.stock < line.desiredQuantity) {
        problems.push({ productId: product.id, name: product.name, kind: 'short', available: product.stock, requested: line.desiredQuantity });
      }
    }
    if (problems.length > 0) return { ok: false, reason: 'problems', problems };

    // 4. Charge current prices, but only for the lines and prices the buyer saw: else ask again.
    const signed = lines.map((line) => ({ productId: line.product.id, quantity: line.desiredQuantity, price: byId.get(line.product.id)!.unitPrice }));
    const total = signed.reduce((sum, line) => sum + line.price * line.quantity, 0);
    const current = cartSignature(signed);
    if (input.expectedCart !== current) {
      const cartChanged = cartComposition(input.expectedCart ?? '') !== cartComposition(current);
      return { ok: false, reason: 'changed', total, cartChanged };
    }
    if (total > MAX_CENTS) return { ok: false, reason: 'too-large', total };

    // 5. The stand-in payment check: the amount paid covers the total.
    if (input.amountPaid < total) return { ok: false, reason: 'underpaid', total, amountPaid: input.amountPaid };

    // 6. The order, with its token, and a copy of every cart line at the current price.
    const order = this.em.create(Order, {
      user: input.userId,
      totalPrice: total,
      address: input.address,
      addressFields: input.addressFields,
      paymentMethod: input.paymentMethod,
      moneyReceived: input.amountPaid,
      checkoutToken: input.checkoutToken,
    });
    for (const line of lines) {
      const product = byId.get(line.product.id)!;
      this.em.create(OrderItem, { order, product, productName: product.name, quantity: line.desiredQuantity, unitPrice: product.unitPrice });
    }
    await this.em.flush();

    // 7. Take the ordered quantities out of stock (CHECK stock >= 0 is the last line of defence).
    for (const line of lines) byId.get(line.product.id)!.stock -= line.desiredQuantity;
    await this.em.flush();

    // 8. Empty the cart of the lines just ordered (a line added meanwhile in another tab stays).
    await this.em.nativeDelete(CartItem, { id: { $in: lines.map((line) => line.id) } });

    // 9. Commit happens as this callback returns; the caller then shows the confirmation.
    return { ok: true, orderId: order.id, repeated: false };
  }

  private async orderIdForToken(input: CheckoutInput): Promise<number | undefined> {
    const order = await this.em.findOne(Order, { checkoutToken: input.checkoutToken, user: input.userId }, { fields: ['id'] });
    return order?.id;
  }
}
