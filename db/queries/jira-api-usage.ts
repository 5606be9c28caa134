import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { getDb } from '../client';
import type { ApiUsageCounts } from '@/lib/integrations/jira/diagnostics/facts';
import { jiraApiUsage } from '../schema';

/** One connection's calls in one hour, as the usage recorder aggregated them in memory. */
export type ApiUsageDelta = { orgId: string; connectionId: string; hour: Date } & ApiUsageCounts;

const throttleIsNewer = sql`excluded.last_throttled_at >= coalesce(${jiraApiUsage.lastThrottledAt}, '-infinity'::timestamptz)`;
const mismatchIsNewer = sql`excluded.last_scope_mismatch_at >= coalesce(${jiraApiUsage.lastScopeMismatchAt}, '-infinity'::timestamptz)`;
/** The incoming value of `column` when its event is newer than the stored one, else the stored value. */
const newerOr = (isNewer: SQL, column: string, stored: AnyPgColumn) =>
  sql`case when ${isNewer} then ${sql.raw(`excluded.${column}`)} else ${stored} end`;

/** Adds one delta to its hour row (the recorder batches calls into deltas). */
export async function addApiUsage(delta: ApiUsageDelta): Promise<void> {
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
          // Two processes (or an older batch) may write out of order: the latest event wins, never
          // the latest write. GREATEST ignores nulls; the companions follow their timestamp.
          ...(values.lastThrottledAt
            ? {
                lastThrottledAt: sql`greatest(${jiraApiUsage.lastThrottledAt}, excluded.last_throttled_at)`,
                lastRateLimitReason: newerOr(
                  throttleIsNewer,
                  'last_rate_limit_reason',
                  jiraApiUsage.lastRateLimitReason,
                ),
                lastRateLimitReset: newerOr(throttleIsNewer, 'last_rate_limit_reset', jiraApiUsage.lastRateLimitReset),
                lastRetryAfterSecs: newerOr(throttleIsNewer, 'last_retry_after_secs', jiraApiUsage.lastRetryAfterSecs),
              }
            : {}),
          ...(values.lastScopeMismatchAt
            ? {
                lastScopeMismatchAt: sql`greatest(${jiraApiUsage.lastScopeMismatchAt}, excluded.last_scope_mismatch_at)`,
                lastScopeMismatchOperation: newerOr(
                  mismatchIsNewer,
                  'last_scope_mismatch_operation',
                  jiraApiUsage.lastScopeMismatchOperation,
                ),
              }
            : {}),
        },
      });
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
