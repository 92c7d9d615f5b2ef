import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { beforeRender } from '../common/before-render';
import { wantsFragment } from '../common/htmx';
import type { SessionUser } from '../common/session-user';
import { CartService } from './cart.service';

/**
 * Whole pages for a signed-in user show the number of items in the cart in the navigation;
 * htmx keeps it current afterwards by listening for `cart-changed`. A middleware, not an
 * interceptor: with no interceptor at all Nest skips its rxjs chain on every route.
 */
@Injectable()
export class CartCountMiddleware implements NestMiddleware {
  constructor(private readonly cart: CartService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const user = req.user as SessionUser | undefined;
    if (user && !wantsFragment(req)) {
      beforeRender(req, res, 'Cart count', async () => {
        res.locals.cartCount = await this.cart.count(user.id);
      });
    }
    next();
  }
}
