import 'server-only';
import { parseEnv, type ServerEnv } from './env-schema';

let cached: ServerEnv | undefined;

/** The validated environment. Parsed on first use (instrumentation.ts forces that at start). */
export function env(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
