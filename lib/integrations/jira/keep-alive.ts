import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deleteOldApiUsage } from '@/db/queries/jira-api-usage';
import { deleteOldDiagnosticRuns } from '@/db/queries/jira-diagnostics';
import { jiraOauthStates, jiraPendingAuthorizations } from '@/db/schema';
import { getAccessToken, GrantUnusableError } from './token-store';
import { log } from '@/lib/observability/request-context';

/**
 * Atlassian expires a refresh token after 90 days without use. Refreshing every grant that has
 * been idle for a week keeps it alive with a wide margin, even through a long outage.
 */
const IDLE_AFTER = sql`interval '7 days'`;
/** A grant the keep-alive failed to refresh is tried again after this (well inside the 90 days). */
const RETRY_AFTER = sql`interval '1 day'`;
const BATCH = 50;

export type KeepAliveReport = { refreshed: number; failed: number; failures: { grantId: string; reason: string }[] };

/**
 * One keep-alive pass. Each grant is its own attempt: whatever one throws (a dead grant, an outage, a
 * token that no key opens any more, a bug) is that grant's recorded failure and the batch goes on.
 * The batch is claimed in one statement that stamps `keep_alive_attempted_at`, so failing grants go
 * to the back of the line and two processes ticking at once never take the same grant.
 */
export async function refreshIdleGrants(): Promise<KeepAliveReport> {
  const claimed = await getDb().execute<{ id: string; organization_id: string }>(sql`
    update jira_grants
       set keep_alive_attempted_at = now()
     where id in (
       select id from jira_grants
        where status = 'active' and refresh_token_ciphertext is not null
          and (last_refreshed_at is null or last_refreshed_at < now() - ${IDLE_AFTER})
          and (keep_alive_attempted_at is null or keep_alive_attempted_at < now() - ${RETRY_AFTER})
        order by keep_alive_attempted_at asc nulls first, last_refreshed_at asc nulls first
        limit ${BATCH}
        for update skip locked)
    returning id, organization_id`);
  let refreshed = 0;
  const failures: KeepAliveReport['failures'] = [];
  for (const grant of claimed) {
    try {
      await getAccessToken(grant.organization_id, grant.id, { forceRefresh: true });
      refreshed += 1;
    } catch (error) {
      // GrantUnusableError: the token store already recorded it on the grant and its connections.
      const reason = error instanceof GrantUnusableError ? error.reason : error instanceof Error ? error.name : 'unknown';
      if (!(error instanceof GrantUnusableError)) log().error({ err: error, grantId: grant.id }, 'jira keep-alive failed for one grant');
      failures.push({ grantId: grant.id, reason });
    }
  }
  return { refreshed, failed: failures.length, failures };
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
