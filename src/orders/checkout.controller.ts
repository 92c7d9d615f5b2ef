import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { CurrentUser } from '../common/decorators';
import { validateForm, type FieldErrors } from '../common/form';
import { redirectAfterPost, renderView, trigger } from '../common/htmx';
import { formatCents, parseMoneyInput } from '../common/money';
import type { SessionUser } from '../common/session-user';
import { CART_CHANGED } from '../cart/cart.controller';
import { addressFieldsOf, CheckoutDto, formatAddress } from './dto/checkout.dto';
import { PAYMENT_METHODS, type PaymentMethod } from './order.entity';
import { cartComposition } from './cart-signature';
import { CheckoutService, type CheckoutResult } from './checkout.service';
import { OrdersService } from './orders.service';
import { COUNTRY_NAMES } from './countries';

interface CheckoutPage {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** Shown above the form: what stopped the order. */
  problems?: string[];
  priceChanged?: boolean;
  checkoutToken?: string;
}

@Controller('checkout')
export class CheckoutController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: OrdersService,
  ) {}

  @Get()
  async form(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    const last = await this.orders.lastAddress(user.id);
    await this.render(req, res, user, { values: { ...(last ?? {}) } as Record<string, string> });
  }

  @Post()
  async place(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Body() body: unknown) {
    const form = await validateForm(CheckoutDto, body);
    const token = validToken(form.values.checkoutToken);
    if (!form.valid) {
      // Say so now if the cart or its prices moved too: the next submit confirms what is shown.
      const moved = await this.movedSince(user.id, form.values.expectedCart);
      return this.render(req, res, user, { values: form.values, errors: form.errors, checkoutToken: token, ...moved }, 422);
    }
    const dto = form.value;
    const addressFields = addressFieldsOf(dto);
    const result = await this.checkout.placeOrder({
      userId: user.id,
      checkoutToken: token ?? newToken(),
      expectedCart: dto.expectedCart,
      paymentMethod: dto.paymentMethod as PaymentMethod,
      amountPaid: parseMoneyInput(dto.amountPaid)!,
      address: formatAddress(addressFields),
      addressFields,
    });
    if (result.ok) {
      trigger(res, CART_CHANGED);
      return redirectAfterPost(req, res, `/orders/${result.orderId}/confirmation`);
    }
    const page = explain(result);
    return this.render(req, res, user, { values: form.values, checkoutToken: token, ...page }, 422);
  }

  private async movedSince(userId: number, expectedCart: string | undefined): Promise<Pick<CheckoutPage, 'problems' | 'priceChanged'>> {
    const { total, signature } = await this.orders.checkoutSummary(userId);
    if (expectedCart === undefined || expectedCart === signature || signature === '') return {};
    return explain({ ok: false, reason: 'changed', total, cartChanged: cartComposition(expectedCart) !== cartComposition(signature) });
  }

  private async render(req: Request, res: Response, user: SessionUser, page: CheckoutPage, status = 200): Promise<void> {
    const summary = await this.orders.checkoutSummary(user.id);
    const data = {
      title: 'Checkout',
      ...summary,
      empty: summary.lines.length === 0,
      anyPriceChanged: summary.lines.some((line) => line.priceChanged),
      paymentMethods: PAYMENT_METHODS,
      countries: COUNTRY_NAMES,
      values: page.values ?? {},
      errors: page.errors ?? {},
      problems: page.problems ?? [],
      priceChanged: page.priceChanged ?? false,
      // What is shown now is what this form confirms; a new token unless resubmitting.
      expectedCart: summary.signature,
      checkoutToken: page.checkoutToken ?? newToken(),
    };
    renderView(req, res, { page: 'orders/checkout', fragment: 'orders/_checkout', status, data });
  }
}

/** What stopped the order, in the buyer's words. */
function explain(result: Exclude<CheckoutResult, { ok: true }>): Pick<CheckoutPage, 'problems' | 'priceChanged' | 'errors'> {
  switch (result.reason) {
    case 'empty-cart':
      return { problems: ['Your cart is empty: add something before checking out.'] };
    case 'problems':
      return {
        problems: result.problems.map((problem) =>
          problem.kind === 'unavailable'
            ? `${problem.name}: no longer available. Please remove it from your cart.`
            : `${problem.name}: only ${problem.available} left, you asked for ${problem.requested}.`,
        ),
      };
    case 'changed': {
      const what = result.cartChanged ? 'Your cart changed' : 'Prices changed';
      return {
        priceChanged: true,
        problems: [`${what} since you opened this page. The new total is ${formatCents(result.total)}: press Place order again to confirm.`],
      };
    }
    case 'too-large':
      return { problems: [`This order comes to ${formatCents(result.total)}, more than we can take online. Please order fewer items.`] };
    case 'underpaid':
      return { errors: { amountPaid: `Amount paid ${formatCents(result.amountPaid)} is less than the total ${formatCents(result.total)}.` } };
  }
}

function newToken(): string {
  return randomBytes(24).toString('hex');
}

function validToken(value: string | undefined): string | undefined {
  return value && /^[0-9a-f]{48}$/.test(value) ? value : undefined;
}
