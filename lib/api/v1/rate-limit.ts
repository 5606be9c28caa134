import 'server-only';
import { getDb } from '@/db/client';
import { env } from '@/lib/config/env';
import { createLimiter, type Limiter } from '@/lib/rate-limit/limiter';

/*
 * /api/v1's limits, counted in PostgreSQL (lib/rate-limit) so N instances allow each limit once: the
 * per-key limit was per process, and N instances allowed N times it. The cost is one upsert per request,
 * on a row of its own per key. Requests with a missing, malformed, unknown or revoked key are counted per
 * client address: they reach the key lookup, and a guesser should meet a wall, not an endless 401.
 */
export const BAD_KEY_LIMIT = { name: 'api_bad_key_address', points: 30, durationSecs: 60, blockSecs: 300 } as const;

let limiters: { perKey: Limiter; badKey: Limiter } | undefined;

export function apiLimiters() {
  limiters ??= {
    perKey: createLimiter(getDb(), { name: 'api_key', points: env().PORTICO_API_RATE_LIMIT_PER_MINUTE, durationSecs: 60 }),
    badKey: createLimiter(getDb(), BAD_KEY_LIMIT),
  };
  return limiters;
}
