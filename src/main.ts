import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readEnv } from './config/app.config';
import { ConfigError, type ValidatedEnv } from './config/env.validation';
import { describeError } from './logging/error-details';

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
  if (env.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
    const { runPrimary } = await import('./cluster');
    return runPrimary(env);
  }
  const { AppModule } = await import('./app.module');
  const { APP_OPTIONS, configureApp } = await import('./app.setup');
  const { StartupReport } = await import('./logging/startup-report');
  // Lines logged while the modules start wait until configureApp installs the pino logger.
  const app = await NestFactory.create(AppModule, { ...APP_OPTIONS, bufferLogs: true });
  configureApp(app);
  // SIGTERM/SIGINT: stop accepting, let requests in flight finish, then close ORM and database.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(env.PORT);
  app.get(StartupReport).announce();
}

bootstrap().catch((error: unknown) => {
  // Start-up failures can be database errors: described without the SQL's values.
  const { message, fields } = describeError(error);
  new Logger('Shop').fatal({ ...fields, msg: `The shop could not start: ${message}` });
  Logger.flush();
  process.exit(1);
});
