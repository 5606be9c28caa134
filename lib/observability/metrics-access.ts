import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = { allowed: true } | { allowed: false; reason: 'metrics_off' | 'unauthenticated' };

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Pure: who may scrape. Without a configured token the endpoint is off (it reveals traffic and
 * connection counts, so it is never public by default); with one, the request must present it
 * as a bearer token. Compared as digests in constant time.
 */
export function decideMetricsAccess(configuredToken: string | undefined, authorization: string | null): MetricsAccess {
  if (!configuredToken) return { allowed: false, reason: 'metrics_off' };
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!presented || !timingSafeEqual(digest(presented), digest(configuredToken)))
    return { allowed: false, reason: 'unauthenticated' };
  return { allowed: true };
}
