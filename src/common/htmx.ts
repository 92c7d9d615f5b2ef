import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError } from '../logging/error-details';

const logger = new Logger('Htmx');

/**
 * Small helpers for htmx, kept in one place (after django-htmx). htmx 4 sends
 * `HX-Request-Type: partial` for a targeted swap and `full` when it swaps the whole body.
 */
export function isHtmx(req: Request): boolean {
  return req.get('HX-Request') === 'true';
}

/** A fragment is wanted only for a targeted htmx swap; everything else gets the whole page. */
export function wantsFragment(req: Request): boolean {
  // A history restore (Back after a swap) must get the whole page again.
  return isHtmx(req) && req.get('HX-Request-Type') !== 'full' && req.get('HX-History-Restore-Request') !== 'true';
}

export interface ViewOptions {
  /** The page template, e.g. `shop/index`. */
  page: string;
  /** The partial the page includes and htmx swaps, e.g. `shop/_results`. */
  fragment?: string;
  status?: number;
  data?: Record<string, unknown>;
  /** What the fragment sees when rendered alone, if not `data` (a page holding several forms). */
  fragmentData?: Record<string, unknown>;
}

/** Renders the page, or for a partial htmx request only its fragment, from the same handler. */
export function renderView(req: Request, res: Response, view: ViewOptions): void {
  res.vary('HX-Request');
  res.vary('HX-Request-Type');
  const fragment = view.fragment && wantsFragment(req);
  res.status(view.status ?? 200);
  if (fragment) res.render(view.fragment!, { ...(view.fragmentData ?? view.data), layout: false });
  else res.render(view.page, view.data);
}

/** After a successful POST: 303 for a plain browser, HX-Location so htmx follows too. */
export function redirectAfterPost(req: Request, res: Response, url: string): void {
  redirect(req, res, url, 'HX-Location');
}

/** A full-page navigation on the client: used when htmx should leave the page entirely. */
export function clientRedirect(req: Request, res: Response, url: string): void {
  redirect(req, res, url, 'HX-Redirect');
}

function redirect(req: Request, res: Response, url: string, htmxHeader: 'HX-Location' | 'HX-Redirect'): void {
  afterSessionSaved(req, () => {
    if (isHtmx(req)) {
      res.set(htmxHeader, url);
      res.status(204).end();
      return;
    }
    res.redirect(303, url);
  });
}

/**
 * express-session sends the response headers before its own save has finished, so a browser
 * may follow a redirect before the flash message (or the new login) is stored. Saving first
 * closes that race; the save at the end of the response then has nothing left to do.
 */
function afterSessionSaved(req: Request, next: () => void): void {
  if (!req.session) return next();
  req.session.save((error) => {
    if (error) {
      const { message, fields } = describeError(error);
      logger.warn({ ...fields, msg: `Session not saved before redirect: ${message}` });
    }
    next();
  });
}

/**
 * Announces an event to the page (e.g. `cart-changed`), which other parts listen for with
 * `from:body`. It is fired on <body>: the element that made the request may be gone by then
 * (a removed cart row).
 */
export function trigger(res: Response, event: string): void {
  const existing = res.get('HX-Trigger');
  const events = existing ? (JSON.parse(existing) as Record<string, unknown>) : {};
  events[event] = { target: 'body' };
  res.set('HX-Trigger', JSON.stringify(events));
}
