import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { AppModule, createRootLogger, HELMET_OPTIONS } from './common';

async function main() {
  const root = createRootLogger(process.env.LOG_FILE ?? '/tmp/adapter-spike-express.log');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: ['error', 'warn'] });
  // One access line per request, written when the answer is finished (as the shop's requestLogging).
  app.use(pinoHttp({
    logger: root,
    genReqId: () => randomUUID(),
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: (req: any, res, value: any) =>
      ({ context: 'Access', method: req.method, url: req.originalUrl, route: req.route?.path, status: res.statusCode, durationMs: value.durationMs }),
    customSuccessMessage: (req: any, res, ms) => `${req.method} ${req.originalUrl} ${res.statusCode} ${ms}ms`,
  }));
  app.use(helmet(HELMET_OPTIONS));
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3101), '127.0.0.1');
  root.info({ context: 'Spike' }, `express listening on ${await app.getUrl()}`);
}
main();
