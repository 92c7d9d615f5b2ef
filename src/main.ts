import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readEnv } from './config/app.config';
import { ConfigError, type ValidatedEnv } from './config/env.validation';

async function bootstrap(): Promise<void> {
  // Bad configuration is a person's mistake: one clear sentence, no stack trace. This is the one
  // validation; the configuration namespaces read its result.
  let env: ValidatedEnv;
  try {
    env = readEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  const { AppModule } = await import('./app.module');
  const { APP_OPTIONS, configureApp } = await import('./app.setup');
  const production = env.NODE_ENV === 'production';
  const logger: LogLevel[] = production ? ['log', 'warn', 'error', 'fatal'] : ['log', 'warn', 'error', 'fatal', 'debug'];
  const app = await NestFactory.create(AppModule, { ...APP_OPTIONS, logger });
  configureApp(app);
  // SIGTERM/SIGINT: stop accepting, let requests in flight finish, then close ORM and database.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(env.PORT);
  new Logger('Shop').log(`The shop is open on http://localhost:${env.PORT}`);
}

bootstrap().catch((error: unknown) => {
  new Logger('Shop').error('The shop could not start', error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
