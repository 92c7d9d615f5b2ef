import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError } from '../logging/error-details';
import { respondLater } from './htmx';

type Render = (view: string, ...rest: unknown[]) => void;
type Loader = { what: string; load: () => Promise<void> };

const logger = new Logger('BeforeRender');
const LOADERS = Symbol('beforeRenderLoaders');
type WithLoaders = Response & { [LOADERS]?: Loader[] };

/**
 * Runs `load` (it sets `res.locals` for the layout) just before this response renders a page,
 * and only if it does: a redirect, a fragment or a picture never pays for what the layout
 * shows, and a page rendered after a change (a refused form shown again) shows the state after
 * it. Every loader of the response (the cart's, the staff's) runs at once; one that fails is
 * logged and its part left out: the page matters more than a badge.
 */
export function beforeRender(req: Request, res: Response, what: string, load: () => Promise<void>): void {
  const response = res as WithLoaders;
  if (response[LOADERS]) {
    response[LOADERS].push({ what, load });
    return;
  }
  const loaders: Loader[] = [{ what, load }];
  response[LOADERS] = loaders;
  const render = res.render.bind(res) as Render;
  const withLoaders: Render = (view, ...rest) => {
    // An error page (often the database failing) is shown at once, without its badges.
    if (res.statusCode >= 500) return render(view, ...rest);
    void Promise.all(loaders.map(loadLogged)).then(() => respondLater(req, () => render(view, ...rest)));
  };
  res.render = withLoaders as Response['render'];
}

async function loadLogged({ what, load }: Loader): Promise<void> {
  try {
    await load();
  } catch (error) {
    const { message, fields } = describeError(error);
    logger.warn({ ...fields, msg: `${what} not read: ${message}` });
  }
}
