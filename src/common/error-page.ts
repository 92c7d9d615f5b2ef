import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError } from '../logging/error-details';
import { loggableUrl } from '../logging/loggable-url';
import { requestIdOf } from '../logging/request-id';
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

export interface ErrorPageOptions {
  status: number;
  /** Overrides the standard text for the status; must be our own friendly wording. */
  text?: string;
  /** For 5xx: the cause, logged under the request id (without SQL values) and never shown. */
  cause?: unknown;
}

/** Renders the friendly error page (or, for htmx, the same message as a fragment). */
export function renderErrorPage(req: Request, res: Response, options: ErrorPageOptions): void {
  const status = MESSAGES[options.status] ? options.status : options.status >= 500 ? 500 : 400;
  const message = MESSAGES[status];
  // The page shows the request's id, the one in the X-Request-Id header and on every log line.
  const referenceId = status >= 500 ? requestIdOf(req) : undefined;
  if (status >= 500) {
    const { message: reason, fields } = describeError(options.cause);
    const text = `${req.method} ${loggableUrl(req.originalUrl)} failed: ${reason}`;
    if (req.log) req.log.error({ context: 'Errors', ...fields }, text);
    else logger.error({ ...fields, msg: text });
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
    res.render('errors/_error', { ...data, inMessages: true, layout: false }, (err, html) => sendRendered(res, err, html, data));
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
      const { message, fields } = describeError(err);
      logger.error({ ...fields, msg: `Error page failed to render: ${message}` });
      res.type('text/plain').send(`${data.title}. ${data.text}`);
      return;
    }
    res.type('html').send(html);
  } catch (error) {
    logger.error(`Error page could not be sent: ${describeError(error).message}`);
    if (!res.writableEnded) res.end();
  }
}
