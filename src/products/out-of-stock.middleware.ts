import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { beforeRender } from '../common/before-render';
import { wantsFragment } from '../common/htmx';
import { isStaff, type SessionUser } from '../common/session-user';
import { ProductsService } from './products.service';

/**
 * Whole pages for staff show how many visible products are out of stock in the navigation
 * (a link to `/admin/products?max_stock=0`). One count over a partial index, read only when a
 * staff page is rendered: shoppers, fragments and redirects never pay for it.
 */
@Injectable()
export class OutOfStockMiddleware implements NestMiddleware {
  constructor(private readonly products: ProductsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (isStaff(req.user as SessionUser | undefined) && !wantsFragment(req)) {
      beforeRender(req, res, 'Out-of-stock count', async () => {
        res.locals.outOfStock = { count: await this.products.outOfStockCount() };
      });
    }
    next();
  }
}
