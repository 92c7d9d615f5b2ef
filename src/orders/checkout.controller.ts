import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../common/decorators';
import { CART_CHANGED } from '../common/events';
import { validateForm } from '../common/form';
import { redirectAfterPost, renderView, trigger } from '../common/htmx';
import type { SessionUser } from '../common/session-user';
import { explainRefusal } from './checkout-messages';
import { CheckoutService, type CheckoutPage } from './checkout.service';
import { CheckoutDto } from './dto/checkout.dto';
import { PAYMENT_METHODS } from './order.entity';

@Controller('checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Get()
  async form(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    render(req, res, await this.checkout.blankForm(user.id));
  }

  @Post()
  async place(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Body() body: unknown) {
    const submission = await this.checkout.submit(user.id, await validateForm(CheckoutDto, body));
    if (!submission.ok) return render(req, res, submission.page, 422);
    trigger(res, CART_CHANGED);
    redirectAfterPost(req, res, `/orders/${submission.orderId}/confirmation`);
  }
}

function render(req: Request, res: Response, page: CheckoutPage, status = 200): void {
  const { problems, priceChanged, errors } = explainRefusal(page.refusal);
  const data = {
    title: 'Checkout',
    ...page.summary,
    empty: page.summary.lines.length === 0,
    paymentMethods: PAYMENT_METHODS,
    values: page.values,
    errors: { ...page.errors, ...errors },
    problems,
    priceChanged,
    // What is shown now is what this form confirms.
    expectedCart: page.summary.signature,
    checkoutToken: page.checkoutToken,
  };
  renderView(req, res, { page: 'orders/checkout', fragment: 'orders/_checkout', status, data });
}
