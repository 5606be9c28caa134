import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { rateLimits } from '../schema';

/** Counters whose window ended over an hour ago: the next request of that key starts a fresh row anyway. */
export async function deleteExpiredRateLimits(): Promise<void> {
  await getDb()
    .delete(rateLimits)
    .where(lt(rateLimits.expire, sql`now() - interval '1 hour'`));
}
