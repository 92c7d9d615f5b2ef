import { Logger as NestPinoLogger, PinoLogger, type Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { currentRequestLogger } from './request-logging';

/**
 * nestjs-pino's PinoLogger, reading the request's logger from our own request context: the
 * library binds its context only in Nest middleware, which runs after the Express middleware
 * of configureApp (static files, CSRF refusals and body errors would log without a request id),
 * and it keeps the first app's logger process-wide (tests start several apps).
 */
class RequestAwarePinoLogger extends PinoLogger {
  constructor(
    params: Params,
    private readonly root: Logger,
  ) {
    super(params);
  }

  override get logger(): Logger {
    return currentRequestLogger() ?? this.root;
  }
}

/** Nest's start-up chatter: one line per module and per route. Kept at debug. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The LoggerService that `app.useLogger` installs, so every `new Logger('Context')` in the code
 * (and Nest's own) writes pino lines with the request id.
 */
export class ShopLogger extends NestPinoLogger {
  constructor(root: Logger) {
    const params: Params = { pinoHttp: { logger: root } };
    super(new RequestAwarePinoLogger(params, root), params);
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context)) return this.debug(message, ...optionalParams);
    super.log(message, ...optionalParams);
  }
}
