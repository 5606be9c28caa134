import 'server-only';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '@/db/connect';
import { rateLimits } from '@/db/schema';

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until a request is allowed again (0 when allowed). */
  retryAfterSecs: number;
}

export interface LimiterOptions {
  /** Separates this limiter's keys from the others' in the shared table. */
  name: string;
  points: number;
  durationSecs: number;
  /** Once the points are spent, refuse for this long (the back-off); 0 waits only for the window's end. */
  blockSecs?: number;
}

export type Limiter = ReturnType<typeof createLimiter>;

/**
 * A fixed-window limiter whose counters live in PostgreSQL (rate-limiter-flexible's RateLimiterDrizzle, one
 * atomic upsert per request), so it holds across instances and restarts. Takes the database so tests can run
 * two instances on separate pools, as two processes would.
 */
export function createLimiter(db: Database, options: LimiterOptions) {
  const store = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSecs,
    blockDuration: options.blockSecs ?? 0,
    // Not the library's per-limiter timer: the prune-expired-rows job sweeps the table once for every instance.
    clearExpiredByTimeout: false,
  });

  const verdict = (res: RateLimiterRes, allowed: boolean): RateLimitVerdict => ({
    allowed,
    limit: options.points,
    remaining: allowed ? res.remainingPoints : 0,
    retryAfterSecs: allowed ? 0 : Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });

  return {
    /** Spends one point; refused once the window's points are spent or while blocked. */
    async take(key: string): Promise<RateLimitVerdict> {
      try {
        return verdict(await store.consume(key), true);
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when over the limit, with an Error when the store fails.
        if (rejection instanceof RateLimiterRes) return verdict(rejection, false);
        throw rejection;
      }
    },
    /** Whether the key is refused right now, without spending a point (shed a flood before doing its work). */
    async peek(key: string): Promise<RateLimitVerdict> {
      const res = await store.get(key);
      if (!res || res.consumedPoints <= options.points) return { allowed: true, limit: options.points, remaining: Math.max(0, options.points - (res?.consumedPoints ?? 0)), retryAfterSecs: 0 };
      return verdict(res, false);
    },
    /** Gives back a point taken for a request that turned out legitimate. */
    async refund(key: string): Promise<void> {
      await store.reward(key, 1);
    },
    async reset(key: string): Promise<void> {
      await store.delete(key);
    },
  };
}
