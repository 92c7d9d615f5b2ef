import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError } from '../logging/error-details';
import { respondLater } from './htmx';

type Render = (view: string, ...rest: unknown[]) => void;

const logger = new Logger('BeforeRender');

/**
 * Runs `load` (it sets `res.locals` for the layout) just before this response renders a page,
 * and only if it does: a redirect, a fragment or a picture never pays for what the layout
 * shows, and a page rendered after a change (a refused form shown again) shows the state after
 * it. If `load` fails the page is rendered without it: the page matters more than a badge.
 * Several loaders (the cart's, the staff's) chain: each renders through the one before.
 */
export function beforeRender(req: Request, res: Response, what: string, load: () => Promise<void>): void {
  const render = res.render.bind(res) as Render;
  const withLoad: Render = (view, ...rest) => {
    // An error page (often the database failing) is shown at once, without its badges.
    if (res.statusCode >= 500) return render(view, ...rest);
    load().then(
      () => respondLater(req, () => render(view, ...rest)),
      (error: unknown) => {
        const { message, fields } = describeError(error);
        logger.warn({ ...fields, msg: `${what} not read: ${message}` });
        respondLater(req, () => render(view, ...rest));
      },
    );
  };
  res.render = withLoad as Response['render'];
}
