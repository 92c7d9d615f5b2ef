import { Global, Module } from '@nestjs/common';
import type { DestinationStream, Logger } from 'pino';
import { type AppConfig, appConfig } from '../config/app.config';
import { createRootLogger } from './root-logger';
import { ShopLogger } from './shop-logger';
import { StartupReport } from './startup-report';

/** Where log lines go: null means stdout. A test overrides it with a stream it reads. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** The process's pino logger (configureApp builds the request middleware on it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Structured logs: pino, JSON lines in production (pretty in development), at LOG_LEVEL.
 * configureApp installs ShopLogger for Nest and the request middleware first in the pipeline.
 */
@Global()
@Module({
  providers: [
    { provide: LOG_DESTINATION, useValue: null },
    {
      provide: ROOT_LOGGER,
      inject: [appConfig.KEY, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream | null) =>
        createRootLogger({
          level: config.logLevel,
          // A stream handed in by a test is read back as JSON, whatever NODE_ENV says.
          format: config.nodeEnv === 'development' && !destination ? 'pretty' : 'json',
          destination: destination ?? undefined,
        }),
    },
    { provide: ShopLogger, inject: [ROOT_LOGGER], useFactory: (root: Logger) => new ShopLogger(root) },
    StartupReport,
  ],
  exports: [ROOT_LOGGER, ShopLogger, StartupReport],
})
export class LoggingModule {}
