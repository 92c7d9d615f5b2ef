import { Writable } from 'node:stream';

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: string; msg?: string };

/**
 * A stream the app's logger writes to in a test (`createTestApp({ logs })`): every JSON line
 * kept, parsed, to assert on — and the raw text, to assert that something never appears.
 */
export class LogCapture extends Writable {
  private raw = '';

  /** `level`: the LOG_LEVEL the app runs at while captured. */
  constructor(readonly level: 'trace' | 'debug' | 'info' | 'warn' = 'info') {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.raw += chunk.toString();
    done();
  }

  /** Everything written so far, exactly as written. */
  text(): string {
    return this.raw;
  }

  lines(): LogLine[] {
    return this.raw
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as LogLine);
  }

  /** Lines whose fields include all of `fields` (e.g. `{ event: 'logout' }`). */
  matching(fields: Record<string, unknown>): LogLine[] {
    return this.lines().filter((line) => Object.entries(fields).every(([key, value]) => line[key] === value));
  }

  /** The lines of one request. */
  ofRequest(requestId: string): LogLine[] {
    return this.matching({ requestId });
  }

  /** Forget what was captured (between steps of one test). */
  clear(): void {
    this.raw = '';
  }
}
