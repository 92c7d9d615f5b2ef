import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { wantsFragment } from '../common/htmx';
import { isStaff, type SessionUser } from '../common/session-user';
import { ProductsService } from './products.service';

/**
 * Whole pages for staff show how many visible products are out of stock in the navigation
 * (a link to `/admin/products?max_stock=0`). One count over a partial index, and only for
 * staff pages: shoppers and htmx fragments never pay for it.
 */
@Injectable()
export class OutOfStockInterceptor implements NestInterceptor {
  constructor(private readonly products: ProductsService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (req.method === 'GET' && !req.path.startsWith('/images/') && isStaff(req.user as SessionUser | undefined) && !wantsFragment(req)) {
      http.getResponse<Response>().locals.outOfStock = { count: await this.products.outOfStockCount() };
    }
    return next.handle();
  }
}
