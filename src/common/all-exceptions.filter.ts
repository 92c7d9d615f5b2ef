import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderErrorPage } from './error-page';
import { isHtmx } from './htmx';
import { LoginRequiredException } from './login-required.exception';
import { safeNextPath } from './next-path';

/** The global error filter: friendly pages for every failure, login redirects for the guard. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();

    if (exception instanceof LoginRequiredException) {
      redirectToLogin(req, res, exception.requestedUrl);
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const text = status === 403 ? friendlyText(exception) : undefined;
      renderErrorPage(req, res, { status, text });
      return;
    }
    renderErrorPage(req, res, { status: 500, cause: exception });
  }
}

/** Only messages written for visitors (our 403s) are shown; Nest's own texts are not. */
function friendlyText(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  const message = typeof response === 'object' && response ? (response as { message?: unknown }).message : response;
  return typeof message === 'string' && message !== 'Forbidden resource' && message !== 'Forbidden'
    ? message
    : undefined;
}

/** To the login page, remembering where the visitor wanted to go (for htmx: the page they are on). */
function redirectToLogin(req: Request, res: Response, requestedUrl: string): void {
  let next: string | undefined;
  if (isHtmx(req)) {
    const current = req.get('HX-Current-URL');
    next = current ? safeNextPath(pathOf(current)) : undefined;
  } else if (req.method === 'GET') {
    next = safeNextPath(requestedUrl);
  } else {
    const referer = req.get('Referer');
    next = referer ? safeNextPath(pathOf(referer)) : undefined;
  }
  const url = next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
  if (isHtmx(req)) {
    res.set('HX-Redirect', url);
    res.status(401).end();
    return;
  }
  res.redirect(303, url);
}

function pathOf(url: string): string | undefined {
  try {
    const parsed = new URL(url, 'http://local.invalid');
    return parsed.pathname + parsed.search;
  } catch {
    return undefined;
  }
}
