import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { wantsFragment } from '../common/htmx';
import type { SessionUser } from '../common/session-user';
import { CartService } from './cart.service';

/**
 * Whole pages for a signed-in user show the number of items in the cart in the navigation;
 * htmx keeps it current afterwards by listening for `cart-changed`.
 */
@Injectable()
export class CartCountInterceptor implements NestInterceptor {
  constructor(private readonly cart: CartService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const user = req.user as SessionUser | undefined;
    if (user && !wantsFragment(req)) http.getResponse<Response>().locals.cartCount = await this.cart.count(user.id);
    return next.handle();
  }
}
