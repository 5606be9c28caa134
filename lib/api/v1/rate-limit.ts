/*
 * Per-key token bucket, in the memory of each Portico process. Chosen over a Postgres bucket because the
 * limit exists to protect Portico and Jira from a runaway integration, not to bill: an exact cluster-wide
 * count would cost a write (and a row lock on a hot key) on every request, doubling the latency of cheap
 * reads. With N instances a key can reach N× the limit, which is still bounded. Pure: the clock is injected.
 */
export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until one request is allowed again (0 when allowed). */
  retryAfterSecs: number;
}

export function createRateLimiter(options: { perMinute: number; maxKeys?: number; now?: () => number }) {
  const capacity = options.perMinute;
  const refillPerMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return function take(key: string): RateLimitVerdict {
    const time = now();
    const previous = buckets.get(key);
    const tokens = previous ? Math.min(capacity, previous.tokens + (time - previous.at) * refillPerMs) : capacity;
    // Map keeps insertion order: re-inserting marks the key recent, and the oldest goes first when full.
    buckets.delete(key);
    if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
    if (tokens >= 1) {
      buckets.set(key, { tokens: tokens - 1, at: time });
      return { allowed: true, limit: capacity, remaining: Math.floor(tokens - 1), retryAfterSecs: 0 };
    }
    buckets.set(key, { tokens, at: time });
    return { allowed: false, limit: capacity, remaining: 0, retryAfterSecs: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)) };
  };
}
