import 'server-only';
import { and, eq, isNotNull, lt, or, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deleteExpiredIdempotencyKeys } from '@/db/queries/idempotency-keys';
import { deleteOldApiUsage } from '@/db/queries/jira-api-usage';
import { deleteOldDiagnosticRuns } from '@/db/queries/jira-diagnostics';
import { jiraGrants, jiraOauthStates, jiraPendingAuthorizations } from '@/db/schema';
import { getAccessToken, GrantUnusableError } from './token-store';
import { log } from '@/lib/observability/request-context';

/**
 * Atlassian expires a refresh token after 90 days without use. Refreshing every grant that has
 * been idle for a week keeps it alive with a wide margin, even through a long outage.
 */
const IDLE_AFTER = sql`interval '7 days'`;
const BATCH = 50;

export async function refreshIdleGrants(): Promise<{ refreshed: number; failed: number }> {
  const idle = await getDb()
    .select({ id: jiraGrants.id, orgId: jiraGrants.organizationId })
    .from(jiraGrants)
    .where(
      and(
        eq(jiraGrants.status, 'active'),
        isNotNull(jiraGrants.refreshTokenCiphertext),
        or(isNull(jiraGrants.lastRefreshedAt), lt(jiraGrants.lastRefreshedAt, sql`now() - ${IDLE_AFTER}`)),
      ),
    )
    .limit(BATCH);
  let refreshed = 0;
  let failed = 0;
  for (const grant of idle) {
    try {
      await getAccessToken(grant.orgId, grant.id, { forceRefresh: true });
      refreshed += 1;
    } catch (error) {
      // The token store already recorded the failure on the grant and its connections.
      if (!(error instanceof GrantUnusableError)) throw error;
      failed += 1;
    }
  }
  return { refreshed, failed };
}

/**
 * Abandoned consents: pending site choices hold sealed tokens until chosen, so expired ones are
 * deleted; authorization states are kept a week for troubleshooting ("started, never came back").
 */
export async function deleteExpiredAuthorizations(): Promise<void> {
  await getDb()
    .delete(jiraPendingAuthorizations)
    .where(lt(jiraPendingAuthorizations.expiresAt, sql`now()`));
  await getDb()
    .delete(jiraOauthStates)
    .where(lt(jiraOauthStates.expiresAt, sql`now() - interval '7 days'`));
}

/**
 * Troubleshooting history would grow forever: call counts are read over the last 24 h (kept 48 h),
 * runs are kept 30 days, and at least each connection's latest 20 whatever their age.
 */
export async function pruneDiagnosticsHistory(): Promise<void> {
  await deleteOldApiUsage();
  await deleteOldDiagnosticRuns();
}

let timer: NodeJS.Timeout | undefined;

/** Started once per server process; safe with several processes (refresh is single-flight). */
export function scheduleKeepAlive(intervalMs = 60 * 60 * 1000): void {
  if (timer) return;
  timer = setInterval(() => {
    Promise.all([
      refreshIdleGrants(),
      deleteExpiredAuthorizations(),
      pruneDiagnosticsHistory(),
      // Saves' idempotency answers are replayed for 24 hours only (db/queries/idempotency-keys.ts).
      deleteExpiredIdempotencyKeys(),
    ]).catch(
      (error: unknown) => log().error({ err: error }, 'jira keep-alive failed'),
    );
  }, intervalMs);
  timer.unref();
}
