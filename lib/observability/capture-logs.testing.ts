import { Writable } from 'node:stream';
import { createLogger, replaceRootLogger } from './logger';

export type LogLine = Record<string, unknown> & { level: number; msg?: string; err?: Record<string, unknown> };

/** Routes every log line (JSON, as in production, redaction included) into `lines` until `restore()`. */
export function captureLogs(level = 'debug') {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  // pino writes synchronously to a plain Writable, so a line is here as soon as the log call returns.
  const restore = replaceRootLogger(createLogger({ level, destination }));
  return {
    raw,
    get lines(): LogLine[] {
      return raw.map((line) => JSON.parse(line) as LogLine);
    },
    restore,
  };
}
