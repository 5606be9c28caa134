import 'server-only';
import { listConnectionsDueForWebhooks } from '@/db/queries/jira-webhooks';
import { log } from '@/lib/observability/request-context';
import { ensureWebhooks, REFRESH_WITHIN_MS, type EnsureOutcome } from './ensure-webhooks';

/** A connection without webhooks (failed, refused, never registered) is looked at again after this long. */
export const RETRY_AFTER_MS = 60 * 60_000;

/**
 * The cron's pass: every connected connection with a registration expiring within a week, or with none and
 * no attempt in the last hour, gets ensureWebhooks. One connection's failure is recorded on it (its webhook
 * state) and does not stop the others.
 */
export async function refreshExpiringWebhooks(now = new Date()): Promise<Record<string, EnsureOutcome | 'error'>> {
  const due = await listConnectionsDueForWebhooks(new Date(now.getTime() + REFRESH_WITHIN_MS), new Date(now.getTime() - RETRY_AFTER_MS));
  const outcomes: Record<string, EnsureOutcome | 'error'> = {};
  for (const { organizationId, connectionId } of due) {
    try {
      outcomes[connectionId] = await ensureWebhooks(organizationId, connectionId, now);
    } catch (error) {
      outcomes[connectionId] = 'error';
      log().warn({ err: error, orgId: organizationId, connectionId }, 'jira webhook maintenance failed');
    }
  }
  return outcomes;
}
