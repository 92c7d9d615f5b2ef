import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

export interface RootLoggerOptions {
  level: Level | 'silent';
  format: LogFormat;
  /** Where lines go; stdout unless a test hands its own stream. */
  destination?: DestinationStream;
}

/**
 * Belt and braces: our serializers never pick these up, but a careless `logger.info(obj)`
 * must not print them either.
 */
const REDACT_PATHS = [
  'password',
  '*.password',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  '_csrf',
  '*._csrf',
  'cookie',
  'headers.cookie',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/**
 * The one pino logger of the process. JSON lines (one object a line, for log shippers) in
 * production and tests; in development pino-pretty, in this thread (no worker), so lines are
 * written in order and none is lost when the process exits. Writes are synchronous for the same
 * reason: the shop logs a few lines per request, not thousands.
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  const destination =
    options.destination ??
    (options.format === 'pretty'
      ? pretty({
          sync: true,
          colorize: process.stdout.isTTY === true,
          translateTime: 'SYS:HH:MM:ss.l',
          singleLine: true,
          // The access line says it all in its message; the context leads every message.
          ignore: 'pid,hostname,context,requestId,method,url,route,status,durationMs',
          messageFormat: '{if context}[{context}] {end}{msg}{if requestId} (request {requestId}){end}',
        })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
