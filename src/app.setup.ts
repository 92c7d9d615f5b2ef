import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import { type AppConfig, appConfig } from './config/app.config';
import { SESSION_SECRET } from './config/session-secret';
import { CSRF_MESSAGE, renderErrorPage } from './common/error-page';
import { takeFlash } from './common/flash';
import { wantsFragment } from './common/htmx';
import { inputEdge } from './common/input-edge';
import { resolveFromRoot } from './common/paths';
import { securityEvent } from './common/security-events';
import { securityHeaders } from './common/security-headers';
import { isStaff, type SessionUser } from './common/session-user';
import { multipartUploads } from './common/multipart';
import { PRODUCT_UPLOAD_ROUTES } from './products/upload-routes';
import { registerHelpers, registerPartials, useCompileOptions, VIEWS_DIR } from './common/views';
import { SessionStore } from './database/session-store';
import { SessionLifetime } from './common/session-lifetime';
import { ROOT_LOGGER } from './logging/logging.module';
import { loggableUrl } from './logging/loggable-url';
import { requestLogging } from './logging/request-logging';
import { ShopLogger } from './logging/shop-logger';

/** Nest's own body parser is off: ours is registered in order, before session and CSRF. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

export { SESSION_COOKIE } from './app.constants';
import { SESSION_COOKIE } from './app.constants';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  // Forms send a hidden `_csrf` field; htmx requests also carry the X-CSRF-Token header.
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? req.get('X-CSRF-Token'),
});

/**
 * The whole HTTP pipeline in one place, used by main.ts and by the tests alike, so tests run
 * exactly what production runs. Order matters: each middleware relies on those above it.
 */
export function configureApp(nestApp: INestApplication): INestApplication {
  const app = nestApp as NestExpressApplication;
  const config = app.get<AppConfig>(appConfig.KEY);
  const lifetime = app.get(SessionLifetime);

  // First: every answer, even a static file or a refused form, gets a request id and an access line.
  app.useLogger(app.get(ShopLogger));
  app.flushLogs();
  app.use(requestLogging(app.get(ROOT_LOGGER)));

  app.set('trust proxy', config.trustProxy);
  app.set('view options', { layout: 'layouts/main' });
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  useCompileOptions();
  registerHelpers();
  registerPartials();

  app.use(securityHeaders({ production: config.isProduction }));


  // Static files: our own, and the two front-end packages straight from node_modules.
  const staticOptions = { maxAge: config.isProduction ? '1d' : 0, index: false };
  app.use('/static', express.static(resolveFromRoot('static'), staticOptions));
  app.use('/vendor/htmx', express.static(resolveFromRoot('node_modules/htmx.org/dist'), staticOptions));
  app.use('/vendor/pico', express.static(resolveFromRoot('node_modules/@picocss/pico/css'), staticOptions));

  // One EntityManager per request, opened before anything may touch the database.
  const orm = app.get(MikroORM);
  app.use((_req: Request, _res: Response, next: NextFunction) => RequestContext.create(orm.em, next));

  // Every query string and form body passes one rule (common/input-edge.ts); forms only, no JSON.
  app.use(inputEdge());

  const sessions = session({
    name: SESSION_COOKIE,
    store: app.get(SessionStore).store,
    secret: app.get<string>(SESSION_SECRET),
    resave: false,
    saveUninitialized: false, // no row for visitors who never sign in nor submit a form
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction,
      maxAge: lifetime.idleMs, // a visitor's; a signed-in session's is set by SessionLifetime
    },
  });
  app.use(passport.initialize());
  app.use(sessionWhenNeeded(sessions, passport.session()));
  app.use(lifetime.middleware);
  app.use(pageLocals);
  // File uploads are read before the CSRF check, which needs their `_csrf` field.
  app.use(multipartUploads(PRODUCT_UPLOAD_ROUTES));
  app.use(csrfSynchronisedProtection);
  app.use(pipelineErrors);
  return app;
}

/** How a request without a session gets one when a page asks for a CSRF token (see sessionWhenNeeded). */
const SESSION_STARTERS = new WeakMap<Request, () => void>();

/**
 * A GET or HEAD without the session cookie has no session to read: no visitor session is
 * generated for it (a random id, a cookie object, the passport lookup) unless the page asks
 * for a CSRF token (its forms: /login, /register…), which then starts one on the spot. For a
 * request without a cookie express-session starts a session synchronously (no store read).
 * Everything else (a cookie, a form post) goes through the session and passport as always.
 */
function sessionWhenNeeded(
  sessions: (req: Request, res: Response, next: NextFunction) => void,
  passportSession: (req: Request, res: Response, next: NextFunction) => void,
) {
  const cookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE.replace(/\./g, '\\.')}=`);
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !cookie.test(req.headers.cookie ?? '')) {
      SESSION_STARTERS.set(req, () => sessions(req, res, () => undefined));
      return next();
    }
    sessions(req, res, (error?: unknown) => (error ? next(error) : passportSession(req, res, next)));
  };
}

function startSession(req: Request): void {
  if (!req.session) SESSION_STARTERS.get(req)?.();
}

/** What every page needs: the user, flash messages, and a CSRF token made only when a form asks. */
function pageLocals(req: Request, res: Response, next: NextFunction): void {
  const user = req.user as SessionUser | undefined;
  res.locals.currentUser = user;
  res.locals.isStaff = isStaff(user);
  // Handlebars calls this when a template reads {{csrfToken}}, so pages without forms
  // do not start a session for anonymous visitors (see sessionWhenNeeded).
  res.locals.csrfToken = () => {
    startSession(req);
    return generateToken(req);
  };
  res.locals.currentUrl = req.originalUrl;
  if (user) {
    // Back after logging out must not show private pages from the browser's cache.
    res.set('Cache-Control', 'no-store');
  }
  // A fragment has no message area: the messages wait for the next whole page.
  if (req.method === 'GET' && !wantsFragment(req) && req.session?.flash) res.locals.flash = takeFlash(req);
  next();
}

/** Errors raised before a route runs: unreadable or oversized bodies, missing CSRF tokens. */
function pipelineErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!err) return next();
  const error = err as { status?: number; statusCode?: number; code?: string; type?: string };
  const status = error.status ?? error.statusCode ?? 500;
  if (error.code === 'EBADCSRFTOKEN' || (status === 403 && String((err as Error).message).includes('csrf'))) {
    securityEvent(req, 'csrf.refused', { method: req.method, path: loggableUrl(req.path) });
    renderErrorPage(req, res, { status: 403, text: CSRF_MESSAGE });
    return;
  }
  if (status === 413) return renderErrorPage(req, res, { status: 413 });
  if (status >= 400 && status < 500) return renderErrorPage(req, res, { status: 400 });
  renderErrorPage(req, res, { status: 500, cause: err });
}
