import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FlashKind } from './flash';
import { describeError } from '../logging/error-details';
import { markSessionSaved } from './session-saves';

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

/**
 * The id of the element htmx will swap (htmx 4 sends `HX-Target: tag#id`), so one URL can serve
 * several forms: each form's `hx-target` says which fragment it wants back.
 */
export function htmxTarget(req: Request): string | undefined {
  if (!wantsFragment(req)) return undefined;
  const id = /#(.+)$/.exec(req.get('HX-Target') ?? '')?.[1];
  if (!id) return undefined;
  try {
    return decodeURI(id);
  } catch {
    return undefined;
  }
}

/** Renders the page, or for a partial htmx request only its fragment, from the same handler. */
export function renderView(req: Request, res: Response, view: ViewOptions): void {
  varyOnHtmx(res);
  const fragment = view.fragment && wantsFragment(req);
  res.status(view.status ?? 200);
  if (fragment) res.render(view.fragment!, { ...(view.fragmentData ?? view.data), layout: false });
  else res.render(view.page, view.data);
}

/** A page and its fragment differ for the same URL: caches must keep them apart. */
export function varyOnHtmx(res: Response): void {
  res.vary('HX-Request');
  res.vary('HX-Request-Type');
}

/** Swaps the response into another element than the one the request named. */
export function retarget(res: Response, selector: string): void {
  res.set('HX-Retarget', selector);
}

/** Swaps the response another way than the request asked (`outerHTML`, `delete`, …). */
export function reswap(res: Response, swap: string): void {
  res.set('HX-Reswap', swap);
}

/**
 * For an htmx request: a message in the page's message area (`#messages`), whatever the
 * request targeted. Without htmx the same text goes through `flash` and a redirect instead.
 */
export function showMessage(res: Response, kind: FlashKind, text: string, status = 200, link?: { href: string; text: string }): void {
  varyOnHtmx(res);
  retarget(res, '#messages');
  reswap(res, 'innerHTML');
  res.status(status).render('partials/flash', { layout: false, flash: [{ kind, text, link }] });
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
  const session = req.session;
  session.save((error) => {
    if (!error) markSessionSaved(session);
    if (error) {
      const { message, fields } = describeError(error);
      logger.warn({ ...fields, msg: `Session not saved before redirect: ${message}` });
    }
    respondLater(req, next);
  });
}

/**
 * For code that writes the response from a callback (a session save, a store's answer), after
 * the route has returned: nothing up the stack catches what it throws (a header Node refuses,
 * a template that fails), and an exception there would stop the process. Its error goes to
 * Express instead, which hands it to the error filter: a friendly 500 page, the cause logged.
 */
export function respondLater(req: Request, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (req.next) req.next(error);
    else logger.error(`Response failed after the route returned: ${String(error)}`);
  }
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
