import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../common/decorators';
import { CART_CHANGED } from '../common/events';
import { flash } from '../common/flash';
import { IdPipe } from '../common/id.pipe';
import { htmxTarget, redirectAfterPost, renderView, reswap, retarget, showMessage, trigger, wantsFragment } from '../common/htmx';
import { safeNextPath } from '../common/next-path';
import { isStaff, type SessionUser } from '../common/session-user';
import { ProductPageService } from '../products/product-page.service';
import { REVIEWS_PER_PAGE } from '../reviews/product-reviews.query';
import { CartService, type CartView } from './cart.service';

/** The id of the details page's add-to-cart form: it wants itself back, its message beside Quantity. */
const ADD_TO_CART_FORM = 'add-to-cart';
/** Shown with "Added … to your cart" when htmx shows it in place (the header's Cart link is beside it anyway). */
const VIEW_CART = { href: '/cart', text: 'View cart' };

/** /cart: the signed-in user's cart. Every action works as a plain form post and with htmx. */
@Controller('cart')
export class CartController {
  constructor(
    private readonly cart: CartService,
    private readonly productPage: ProductPageService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    this.renderCart(req, res, await this.cart.view(user.id));
  }

  /** The navigation's count, re-fetched by htmx when the cart changes (a small page without it). */
  @Get('count')
  async count(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    const cartCount = await this.cart.count(user.id);
    renderView(req, res, { page: 'cart/count', fragment: 'partials/cart-count', data: { title: 'Your cart', cartCount } });
  }

  /**
   * Add to cart, from the details page (Quantity) or the shop list (one click, 1). With htmx the
   * form's target decides what comes back: the details form itself, or else a message on top.
   */
  @Post('items')
  async add(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentUser() user: SessionUser,
    @Body('productId', IdPipe) productId: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const outcome = await this.cart.addToCart(user.id, productId, body.quantity);
    if (!outcome.ok && outcome.reason === 'not-found') throw new NotFoundException();
    if (outcome.ok) trigger(res, CART_CHANGED);
    const status = outcome.ok ? 200 : 422;
    if (wantsFragment(req) && htmxTarget(req) !== ADD_TO_CART_FORM) {
      return showMessage(res, outcome.ok ? 'success' : 'error', outcome.message, status, outcome.ok ? VIEW_CART : undefined);
    }
    if (outcome.ok && !wantsFragment(req)) {
      flash(req, 'success', outcome.message);
      return redirectAfterPost(req, res, safeNextPath(body.returnTo) ?? '/cart');
    }
    // The details form again (alone for htmx, in its page without), the message beside Quantity.
    const message = outcome.ok ? { cartNotice: outcome.message } : { cartError: outcome.message, quantity: outcome.typed };
    // Without JavaScript that is the whole product page again: its picture and reviews too.
    const page = wantsFragment(req)
      ? undefined
      : await this.productPage.data(outcome.product.id, { userId: user.id, staff: isStaff(user) }, { page: 1, size: REVIEWS_PER_PAGE });
    const data = { title: outcome.product.name, product: outcome.product, ...page, ...message };
    renderView(req, res, { page: 'products/show', fragment: 'products/_add_to_cart', status, data });
  }

  @Post('items/:productId')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentUser() user: SessionUser,
    @Param('productId', IdPipe) productId: number,
    @Body('quantity') quantity: unknown,
  ): Promise<void> {
    const outcome = await this.cart.changeQuantity(user.id, productId, quantity);
    if (!outcome.ok && outcome.reason === 'not-found') throw new NotFoundException();
    if (outcome.ok) return this.afterChange(req, res, outcome.view, productId, outcome.message);
    const problem = { error: outcome.message, typed: outcome.typed };
    const line = outcome.view.lines.find((candidate) => candidate.productId === productId);
    if (!line) throw new NotFoundException();
    // Only this row comes back (htmx), or the whole cart; the message beside the row.
    const lines = outcome.view.lines.map((each) => (each === line ? { ...each, ...problem } : each));
    renderView(req, res, {
      page: 'cart/index',
      fragment: 'cart/_line',
      status: 422,
      data: { title: 'Your cart', ...outcome.view, lines },
      fragmentData: { ...line, ...problem },
    });
  }

  @Post('items/:productId/remove')
  async remove(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('productId', IdPipe) productId: number) {
    const outcome = await this.cart.removeLine(user.id, productId);
    if (!outcome.ok) throw new NotFoundException();
    this.afterChange(req, res, outcome.view, productId, outcome.message);
  }

  /** Clear cart: with JavaScript a dialog asks first (hx-confirm); without, it clears at once. */
  @Post('clear')
  async clear(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    const view = await this.cart.clear(user.id);
    trigger(res, CART_CHANGED);
    if (wantsFragment(req)) return this.renderCart(req, res, view);
    flash(req, 'success', 'Your cart is empty now.');
    redirectAfterPost(req, res, '/cart');
  }

  /**
   * With htmx: just the changed row and the total (out of band), or the whole cart when the
   * row is gone; the page hears `cart-changed`. Without: back to the cart with a message.
   */
  private afterChange(req: Request, res: Response, view: CartView, productId: number, text: string): void {
    trigger(res, CART_CHANGED);
    if (!wantsFragment(req)) {
      flash(req, 'success', text);
      return redirectAfterPost(req, res, '/cart');
    }
    const line = view.lines.find((candidate) => candidate.productId === productId);
    if (view.lines.length === 0) {
      // The last line went: the whole cart becomes the empty cart.
      retarget(res, '#cart');
      reswap(res, 'outerHTML');
      return this.renderCart(req, res, view, text);
    }
    if (!line) {
      // The row goes (htmx's delete swap); the total and what was removed follow out of band.
      reswap(res, 'delete');
      return renderView(req, res, { page: 'cart/index', fragment: 'cart/_line_removed', data: { total: view.total, removed: text } });
    }
    renderView(req, res, { page: 'cart/index', fragment: 'cart/_line_update', data: { ...line, total: view.total, notice: text } });
  }

  /** The cart; `removed` says what went when htmx swaps in the emptied cart. */
  private renderCart(req: Request, res: Response, view: CartView, removed?: string): void {
    renderView(req, res, { page: 'cart/index', fragment: 'cart/_cart', data: { title: 'Your cart', ...view, removed } });
  }
}
