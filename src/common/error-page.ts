import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { reswap, retarget, varyOnHtmx, wantsFragment } from './htmx';

/** The only texts an error page ever shows: no exception message reaches a visitor. */
const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'Bad request', text: 'We could not read what was sent. Please go back and try again.' },
  403: { title: 'Not allowed', text: 'You do not have permission to do that.' },
  404: { title: 'Not found', text: 'We could not find the page you asked for.' },
  405: { title: 'Not allowed', text: 'That action is not possible here.' },
  413: { title: 'Too large', text: 'What you sent is too large. Please send less and try again.' },
  415: { title: 'Bad request', text: 'We could not read what was sent. Please go back and try again.' },
  500: { title: 'Something went wrong', text: 'Something went wrong on our side. Please try again in a moment.' },
};

export const CSRF_MESSAGE =
  'This form has expired or did not come from this shop. Please reload the page and try again.';

const logger = new Logger('Errors');

export function newReferenceId(): string {
  return randomBytes(4).toString('hex');
}

export interface ErrorPageOptions {
  status: number;
  /** Overrides the standard text for the status; must be our own friendly wording. */
  text?: string;
  /** For 5xx: the cause, logged with the reference id and never shown. */
  cause?: unknown;
}

/** Renders the friendly error page (or, for htmx, the same message as a fragment). */
export function renderErrorPage(req: Request, res: Response, options: ErrorPageOptions): void {
  const status = MESSAGES[options.status] ? options.status : options.status >= 500 ? 500 : 400;
  const message = MESSAGES[status];
  let referenceId: string | undefined;
  if (status >= 500) {
    referenceId = newReferenceId();
    const cause = options.cause;
    logger.error(
      `[ref ${referenceId}] ${req.method} ${req.originalUrl} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause instanceof Error ? cause.stack : undefined,
    );
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  const data = { title: message.title, text: options.text ?? message.text, status, referenceId };
  res.status(status);
  varyOnHtmx(res);
  if (wantsFragment(req)) {
    // Show the message in the page's message area instead of inside whatever was targeted.
    retarget(res, '#messages');
    reswap(res, 'innerHTML');
    res.render('errors/_error', { ...data, layout: false }, (err, html) => sendRendered(res, err, html, data));
    return;
  }
  res.render('errors/error', data, (err, html) => sendRendered(res, err, html, data));
}

/**
 * If even the error template fails, send a plain sentence rather than Express's stack page.
 * This runs in the view engine's callback, where nothing would catch a throw: it must not throw.
 */
function sendRendered(res: Response, err: Error | null, html: string, data: { title: string; text: string }) {
  try {
    if (err) {
      logger.error(`Error page failed to render: ${err.message}`, err.stack);
      res.type('text/plain').send(`${data.title}. ${data.text}`);
      return;
    }
    res.type('html').send(html);
  } catch (error) {
    logger.error(`Error page could not be sent: ${String(error)}`);
    if (!res.writableEnded) res.end();
  }
}
