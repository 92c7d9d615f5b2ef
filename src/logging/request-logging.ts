import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loggableUrl } from './loggable-url';
import { assignRequestId } from './request-id';

/** The logger of the request being served, for log calls that are not handed the request. */
const requestLoggers = new AsyncLocalStorage<Logger>();

export function currentRequestLogger(): Logger | undefined {
  return requestLoggers.getStore();
}

/** The access line's fields: never headers, cookies, bodies, or /login's query string. */
function accessFields(req: IncomingMessage, res: ServerResponse, durationMs: number) {
  const request = req as Request;
  return {
    method: request.method,
    url: loggableUrl(request.originalUrl ?? request.url ?? ''),
    // The route's pattern (`/products/:id`) when a controller answered; static files have none.
    route: typeof request.route?.path === 'string' ? request.route.path : undefined,
    status: res.statusCode,
    durationMs,
  };
}

function accessMessage(req: IncomingMessage, res: ServerResponse, durationMs: number): string {
  const { method, url, status } = accessFields(req, res, durationMs);
  return `${method} ${url} ${status} ${durationMs}ms`;
}

/**
 * The first middleware of the pipeline (configureApp): gives the request its id, binds a child
 * logger carrying it (for `req.log` and for Nest's Logger through `currentRequestLogger`), and
 * writes one access line when the answer is finished.
 */
export function requestLogging(root: Logger): (req: Request, res: Response, next: NextFunction) => void {
  const http: HttpLogger = pinoHttp({
    logger: root,
    genReqId: assignRequestId,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // Lines carry the request id only; the access line adds its own fields at the end.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (req, res, value: Record<string, unknown>) =>
      ({ context: 'Access', ...accessFields(req, res, Number(value.durationMs)) }),
    customSuccessMessage: (req, res, durationMs) => accessMessage(req, res, durationMs),
    // The failure itself is logged (without SQL values) by the error page; not its stack again here.
    customErrorObject: (req, res, _error, value: Record<string, unknown>) =>
      ({ context: 'Access', ...accessFields(req, res, Number(value.durationMs)) }),
    // pino-http passes the duration as a fourth argument that its types omit.
    customErrorMessage: (req, res, _error, durationMs?: number) => accessMessage(req, res, durationMs ?? 0),
  });
  return (req, res, next) => http(req, res, () => requestLoggers.run(req.log, next));
}

