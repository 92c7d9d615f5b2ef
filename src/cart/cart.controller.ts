import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../common/decorators';
import { flash } from '../common/flash';
import { IdPipe } from '../common/id.pipe';
import { isHtmx, redirectAfterPost, renderView, trigger, wantsFragment } from '../common/htmx';
import { safeNextPath } from '../common/login-required.exception';
import type { SessionUser } from '../common/session-user';
import { ProductsService } from '../products/products.service';
import { refusal } from './cart-messages';
import { CartService, type CartView } from './cart.service';
import { parseQuantity } from './quantity';

export const CART_CHANGED = 'cart-changed';
/** Shown with "Added … to your cart" when htmx shows it in place (the header's Cart link is beside it anyway). */
const VIEW_CART = { href: '/cart', text: 'View cart' };

/** /cart: the signed-in user's cart. Every action works as a plain form post and with htmx. */
@Controller('cart')
export class CartController {
  constructor(
    private readonly cart: CartService,
    private readonly products: ProductsService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    this.renderCart(req, res, await this.cart.view(user.id));
  }

  /** The navigation's count, re-fetched by htmx when the cart changes. */
  @Get('count')
  async count(@Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    res.render('partials/cart-count', { layout: false, cartCount: await this.cart.count(user.id) });
  }

  /** Add to cart, from the details page (Quantity) or the shop list (one click, 1). */
  @Post('items')
  async add(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Body() body: Record<string, unknown>) {
    const productId = Number(body.productId);
    if (!Number.isSafeInteger(productId)) throw new NotFoundException();
    const quantity = parseQuantity(body.quantity ?? '1', 1);
    const change = quantity.ok ? await this.cart.add(user.id, productId, quantity.quantity) : undefined;
    if (change && !change.ok && change.reason === 'not-found') throw new NotFoundException();
    const back = safeNextPath(body.returnTo) ?? '/cart';

    const fromDetails = body.from === 'details';
    if (change?.ok) {
      const text = `Added ${quantity.ok ? quantity.quantity : 1} × ${change.name} to your cart.`;
      if (isHtmx(req) && fromDetails) return this.detailsForm(res, productId, { cartNotice: text }, 200);
      if (isHtmx(req)) return this.message(res, 'success', text, 200);
      flash(req, 'success', text);
      return redirectAfterPost(req, res, back);
    }
    const error = change ? refusal(change) : (quantity as { message: string }).message;
    const typed = typeof body.quantity === 'string' ? body.quantity : '1';
    // On the details page the message goes beside its Quantity field; on the shop list, on top.
    if (isHtmx(req) && fromDetails) return this.detailsForm(res, productId, { cartError: error, quantity: typed }, 422);
    if (isHtmx(req)) return this.message(res, 'error', error, 422);
    // Without JavaScript: the product page again, the message beside its Quantity field.
    const product = await this.products.findForViewer(productId, false);
    if (!product) throw new NotFoundException();
    renderView(req, res, {
      page: 'products/show',
      status: 422,
      data: { title: product.name, product, quantity: typed, cartError: error },
    });
  }

  @Post('items/:productId')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentUser() user: SessionUser,
    @Param('productId', IdPipe) productId: number,
    @Body('quantity') rawQuantity: unknown,
  ): Promise<void> {
    // A product that is not in this user's cart is not there to change, whatever was typed.
    if (!(await this.cart.has(user.id, productId))) throw new NotFoundException();
    const quantity = parseQuantity(rawQuantity, 0);
    const change = quantity.ok ? await this.cart.setQuantity(user.id, productId, quantity.quantity) : undefined;
    if (change && !change.ok && change.reason === 'not-found') throw new NotFoundException();
    if (!change || !change.ok) {
      const error = change ? refusal(change) : (quantity as { message: string }).message;
      const typed = typeof rawQuantity === 'string' ? rawQuantity : '';
      if (wantsFragment(req)) {
        // Only this row comes back, with the message beside it; the cart is unchanged.
        const line = (await this.cart.view(user.id)).lines.find((candidate) => candidate.productId === productId);
        if (!line) throw new NotFoundException();
        return renderView(req, res, { page: 'cart/index', fragment: 'cart/_line', status: 422, data: { ...line, error, typed } });
      }
      return this.renderCart(req, res, await this.cart.view(user.id), 422, {
        errorFor: productId,
        error,
        typed: typeof rawQuantity === 'string' ? rawQuantity : '',
      });
    }
    const text = change.quantity === 0 ? `Removed ${change.name} from your cart.` : `Updated ${change.name}: ${change.quantity} in your cart.`;
    await this.afterChange(req, res, user, productId, text);
  }

  @Post('items/:productId/remove')
  async remove(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Param('productId', IdPipe) productId: number) {
    const change = await this.cart.remove(user.id, productId);
    if (!change.ok) throw new NotFoundException();
    await this.afterChange(req, res, user, productId, `Removed ${change.name} from your cart.`);
  }

  /** Clear cart: with JavaScript a dialog asks first (hx-confirm); without, it clears at once. */
  @Post('clear')
  async clear(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    await this.cart.clear(user.id);
    trigger(res, CART_CHANGED);
    if (wantsFragment(req)) return this.renderCart(req, res, await this.cart.view(user.id));
    flash(req, 'success', 'Your cart is empty now.');
    redirectAfterPost(req, res, '/cart');
  }

  /**
   * With htmx: just the changed row and the total (out of band), or the whole cart when the
   * row is gone; the page hears `cart-changed`. Without: back to the cart with a message.
   */
  private async afterChange(req: Request, res: Response, user: SessionUser, productId: number, text: string) {
    trigger(res, CART_CHANGED);
    if (!wantsFragment(req)) {
      flash(req, 'success', text);
      return redirectAfterPost(req, res, '/cart');
    }
    const view = await this.cart.view(user.id);
    const line = view.lines.find((candidate) => candidate.productId === productId);
    if (view.lines.length === 0) {
      // The last line went: the whole cart becomes the empty cart.
      res.set('HX-Retarget', '#cart');
      res.set('HX-Reswap', 'outerHTML');
      return this.renderCart(req, res, view, 200, undefined, text);
    }
    if (!line) {
      // The row goes (htmx's delete swap) and the total follows out of band.
      res.set('HX-Reswap', 'delete');
      return renderView(req, res, { page: 'cart/index', fragment: 'cart/_line_removed', data: { total: view.total, removed: text } });
    }
    renderView(req, res, { page: 'cart/index', fragment: 'cart/_line_update', data: { ...line, total: view.total, notice: text } });
  }

  /** The details page's add-to-cart form alone, with its message beside Quantity. */
  private async detailsForm(res: Response, productId: number, data: Record<string, string>, status: number) {
    const product = await this.products.findForViewer(productId, false);
    if (!product) throw new NotFoundException();
    if (status === 200) trigger(res, CART_CHANGED);
    res.status(status).render('products/_add_to_cart', { layout: false, product, ...data });
  }

  private message(res: Response, kind: 'success' | 'error', text: string, status: number): void {
    if (kind === 'success') trigger(res, CART_CHANGED);
    res.set('HX-Retarget', '#messages');
    res.set('HX-Reswap', 'innerHTML');
    const link = kind === 'success' ? VIEW_CART : undefined;
    res.status(status).render('partials/flash', { layout: false, flash: [{ kind, text, link }] });
  }

  private renderCart(
    req: Request,
    res: Response,
    view: CartView,
    status = 200,
    problem?: { errorFor: number; error: string; typed: string },
    removed?: string,
  ) {
    const lines = view.lines.map((line) => (problem?.errorFor === line.productId ? { ...line, error: problem.error, typed: problem.typed } : line));
    renderView(req, res, { page: 'cart/index', fragment: 'cart/_cart', status, data: { title: 'Your cart', ...view, lines, removed } });
  }
}
