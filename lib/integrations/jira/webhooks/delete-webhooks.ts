import 'server-only';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { deleteWebhookRegistrations, listWebhookRegistrations, setWebhookState } from '@/db/queries/jira-webhooks';
import { log } from '@/lib/observability/request-context';
import { jiraClientForTarget } from '../connection-client';

/** How long a disconnect waits for Jira: the admin is waiting, and leftovers expire on their own. */
const DELETE_TIMEOUT_MS = 5_000;

/**
 * On disconnect, while the grant still works: deletes the connection's webhooks at Jira, then its rows.
 * Best effort and never throws: a webhook Jira keeps stops within 30 days (nobody refreshes it), and its
 * deliveries match no registration, so Portico acknowledges and ignores them.
 */
export async function deleteWebhooks(orgId: string, connectionId: string): Promise<void> {
  try {
    const rows = await listWebhookRegistrations(orgId, connectionId);
    if (rows.length === 0) return;
    const target = await getConnectionTarget(orgId, connectionId);
    const here = rows.filter((row) => row.cloudId === target?.cloudId && row.expiresAt.getTime() > Date.now());
    if (target?.grantId && target.cloudId && here.length > 0) {
      try {
        await jiraClientForTarget(orgId, target, { timeoutMs: DELETE_TIMEOUT_MS, upstreamRetryDelayMs: 0 }).deleteWebhooks(here.map((row) => row.jiraWebhookId));
      } catch (error) {
        log().warn({ err: error, orgId, connectionId }, 'deleting jira webhooks on disconnect failed; they expire within 30 days');
      }
    }
    await deleteWebhookRegistrations(orgId, connectionId, rows.map((row) => row.id));
    await setWebhookState(orgId, connectionId, { status: 'not_registered', statusReason: 'The site is disconnected.' });
  } catch (error) {
    log().error({ err: error, orgId, connectionId }, 'removing jira webhooks on disconnect failed');
  }
}
