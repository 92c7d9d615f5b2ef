import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { respondLater, wantsFragment } from '../common/htmx';
import type { SessionUser } from '../common/session-user';
import { describeError } from '../logging/error-details';
import { CartService } from './cart.service';

type Render = (view: string, ...rest: unknown[]) => void;

/**
 * Whole pages for a signed-in user show the number of items in the cart in the navigation;
 * htmx keeps it current afterwards by listening for `cart-changed`. The count is read when a
 * page is rendered, not before the route: a redirect or a fragment never pays for it, and a
 * page rendered after a change (a refused form shown again) shows the count after that change.
 */
@Injectable()
export class CartCountInterceptor implements NestInterceptor {
  private readonly logger = new Logger('CartCount');

  constructor(private readonly cart: CartService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const user = req.user as SessionUser | undefined;
    if (user && !wantsFragment(req)) this.countBeforeRender(req, http.getResponse<Response>(), user.id);
    return next.handle();
  }

  private countBeforeRender(req: Request, res: Response, userId: number): void {
    const render = res.render.bind(res) as Render;
    const withCount: Render = (view, ...rest) => {
      this.cart.count(userId).then(
        (count) => {
          res.locals.cartCount = count;
          respondLater(req, () => render(view, ...rest));
        },
        (error: unknown) => {
          // The page matters more than its badge: shown without the number.
          const { message, fields } = describeError(error);
          this.logger.warn({ ...fields, msg: `Cart count not read: ${message}` });
          respondLater(req, () => render(view, ...rest));
        },
      );
    };
    res.render = withCount as Response['render'];
  }
}
