import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { randomUUID } from 'node:crypto';
import { LogController } from 'fastify';
import { AppModule, createRootLogger, HELMET_OPTIONS } from './common';

async function main() {
  const root = createRootLogger(process.env.LOG_FILE ?? '/tmp/adapter-spike-fastify.log');
  // Fastify's built-in pino (handed our root logger): req.log is a child with the request id;
  // its two default lines per request are off, one access line is written in onResponse instead.
  const adapter = new FastifyAdapter({
    loggerInstance: root,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bodyParser: false, logger: ['error', 'warn'] });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (req, reply, done) => {
    const durationMs = Math.round(reply.elapsedTime);
    req.log.info(
      { context: 'Access', method: req.method, url: req.url, route: req.routeOptions.url, status: reply.statusCode, durationMs },
      `${req.method} ${req.url} ${reply.statusCode} ${durationMs}ms`,
    );
    done();
  });
  await app.register(helmet as any, HELMET_OPTIONS);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3102), '127.0.0.1');
  root.info({ context: 'Spike' }, `fastify listening on ${await app.getUrl()}`);
}
main();
