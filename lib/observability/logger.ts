import { createRequire } from 'node:module';
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import { logLevelSchema } from '../config/env-schema';
import { REDACT_PATHS, REDACTED } from './redact';
import { serializeError } from './serialize-error';

/*
 * The one logger of Portico: the Next.js app, the sandbox and the launcher scripts write JSON lines
 * through it (pretty-printed under `npm run dev`). No `server-only` import: the sandbox and scripts run
 * outside Next. Request handlers log through `log()` from ./request-context, a child bound to the
 * request id, route, organization and connection.
 */

export type { Logger };

export interface LoggerOptions {
  /** Defaults to PORTICO_LOG_LEVEL, else `info` (`silent` under Vitest, whose tests capture what they check). */
  level?: string;
  /** The service name on every line: `portico`, `sandbox`, `launcher`. */
  name?: string;
  destination?: DestinationStream;
}

function defaultLevel(): string {
  const configured = logLevelSchema.safeParse(process.env.PORTICO_LOG_LEVEL);
  if (configured.success && process.env.PORTICO_LOG_LEVEL) return configured.data;
  return process.env.VITEST ? 'silent' : 'info';
}

function prettyStream(): DestinationStream | undefined {
  if (process.env.NODE_ENV !== 'development') return undefined;
  // A stream in this thread rather than pino's worker-thread transport, which Next's bundler cannot
  // resolve; pino-pretty is a dev dependency, present exactly when NODE_ENV=development.
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const pretty = require('pino-pretty') as (options: PrettyOptions) => DestinationStream;
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'portico',
      level: options.level ?? defaultLevel(),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
    },
    options.destination ?? prettyStream(),
  );
}

const globalForLogger = globalThis as unknown as { porticoLogger?: Logger };

/** The process's root logger (kept across Next's dev reloads, like the database pool). */
export function rootLogger(): Logger {
  globalForLogger.porticoLogger ??= createLogger();
  return globalForLogger.porticoLogger;
}

/** Tests: route every log line to `logger` until the returned function restores the previous one. */
export function replaceRootLogger(logger: Logger): () => void {
  const previous = globalForLogger.porticoLogger;
  globalForLogger.porticoLogger = logger;
  return () => {
    globalForLogger.porticoLogger = previous;
  };
}
