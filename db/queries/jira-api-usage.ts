import 'server-only';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraApiUsage } from '../schema';

/** One connection's calls in one hour, as the usage recorder aggregated them in memory. */
export interface ApiUsageDelta {
  orgId: string;
  connectionId: string;
  hour: Date;
  calls: number;
  throttled: number;
  upstreamFailures: number;
  scopeMismatches: number;
  lastThrottledAt: Date | null;
  lastRateLimitReason: string | null;
  lastRateLimitReset: string | null;
  lastRetryAfterSecs: number | null;
  lastScopeMismatchAt: Date | null;
  lastScopeMismatchOperation: string | null;
}

/** Adds one delta to its hour row (the recorder batches calls into deltas). */
export async function addApiUsage(delta: ApiUsageDelta): Promise<void> {
  {
    const { orgId, ...values } = delta;
    await getDb()
      .insert(jiraApiUsage)
      .values({ organizationId: orgId, ...values })
      .onConflictDoUpdate({
        target: [jiraApiUsage.connectionId, jiraApiUsage.hour],
        // A connection deleted meanwhile makes the insert fail on its foreign key; the recorder drops it.
        setWhere: eq(jiraApiUsage.organizationId, orgId),
        set: {
          calls: sql`${jiraApiUsage.calls} + ${values.calls}`,
          throttled: sql`${jiraApiUsage.throttled} + ${values.throttled}`,
          upstreamFailures: sql`${jiraApiUsage.upstreamFailures} + ${values.upstreamFailures}`,
          scopeMismatches: sql`${jiraApiUsage.scopeMismatches} + ${values.scopeMismatches}`,
          ...(values.lastThrottledAt
            ? {
                lastThrottledAt: values.lastThrottledAt,
                lastRateLimitReason: values.lastRateLimitReason,
                lastRateLimitReset: values.lastRateLimitReset,
                lastRetryAfterSecs: values.lastRetryAfterSecs,
              }
            : {}),
          ...(values.lastScopeMismatchAt
            ? {
                lastScopeMismatchAt: values.lastScopeMismatchAt,
                lastScopeMismatchOperation: values.lastScopeMismatchOperation,
              }
            : {}),
        },
      });
  }
}

/** Sums over the connection's hours since `since`, with the latest throttle and scope mismatch. */
export async function getApiUsageSince(orgId: string, connectionId: string, since: Date) {
  const rows = await getDb()
    .select({
      calls: jiraApiUsage.calls,
      throttled: jiraApiUsage.throttled,
      upstreamFailures: jiraApiUsage.upstreamFailures,
      scopeMismatches: jiraApiUsage.scopeMismatches,
      lastThrottledAt: jiraApiUsage.lastThrottledAt,
      lastRateLimitReason: jiraApiUsage.lastRateLimitReason,
      lastRateLimitReset: jiraApiUsage.lastRateLimitReset,
      lastRetryAfterSecs: jiraApiUsage.lastRetryAfterSecs,
      lastScopeMismatchAt: jiraApiUsage.lastScopeMismatchAt,
      lastScopeMismatchOperation: jiraApiUsage.lastScopeMismatchOperation,
    })
    .from(jiraApiUsage)
    .where(
      and(
        eq(jiraApiUsage.organizationId, orgId),
        eq(jiraApiUsage.connectionId, connectionId),
        gte(jiraApiUsage.hour, since),
      ),
    )
    .orderBy(jiraApiUsage.hour);
  return rows;
}

/** Diagnostics read the last 24 h; rows older than 48 h serve nothing. Every organization's (keep-alive). */
export async function deleteOldApiUsage(): Promise<void> {
  await getDb()
    .delete(jiraApiUsage)
    .where(lt(jiraApiUsage.hour, sql`now() - interval '48 hours'`));
}
