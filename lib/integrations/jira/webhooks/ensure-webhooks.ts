import 'server-only';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import {
  deleteWebhookRegistrations,
  insertWebhookRegistrations,
  listWebhookRegistrations,
  markWebhooksRefreshed,
  setWebhookState,
  type WebhookRegistrationRow,
} from '@/db/queries/jira-webhooks';
import { env } from '@/lib/config/env';
import { log } from '@/lib/observability/request-context';
import { isJiraError } from '../client';
import { jiraClientForTarget } from '../connection-client';
import { GrantUnusableError } from '../token-store';
import { baseUrlReach, describeBaseUrlReach } from './base-url-reach';
import { canManageWebhooks } from './webhook-scope';
import { registrationMatches, WEBHOOK_EVENTS, webhookJqlFor } from './webhook-jql';
import { webhookUrl } from './webhook-url';

/** Atlassian lets a webhook registered through the REST API live 30 days unless refreshed. */
export const WEBHOOK_LIFETIME_MS = 30 * 86_400_000;
/** Refreshed when less than this is left: a week of slack for a worker outage or a failing Atlassian. */
export const REFRESH_WITHIN_MS = 7 * 86_400_000;

export type EnsureOutcome = 'registered' | 'unchanged' | 'refreshed' | 'missing_scope' | 'unreachable_base_url' | 'not_connected' | 'failed';

const MISSING_SCOPE =
  'The connection was not granted manage:jira-webhook, so Portico polls Jira for changes and catches deletions only when it reconciles. Add the scope to the app (for your own app: in the Atlassian developer console), then reconnect.';

/**
 * Brings the connection's webhooks to what its project filter wants: registers them when there are none
 * (or they expired), re-registers when the filter changed (the new ones first, then the old ones are
 * deleted, so no change falls between them), and refreshes those expiring within a week. Makes no Jira
 * call when nothing is due. Safe to run twice; records the outcome in jira_webhook_states.
 */
export async function ensureWebhooks(orgId: string, connectionId: string, now = new Date()): Promise<EnsureOutcome> {
  const target = await getConnectionTarget(orgId, connectionId);
  if (!target || target.status !== 'connected' || !target.grantId || !target.cloudId) return 'not_connected';
  const cloudId = target.cloudId;
  const reach = baseUrlReach(env().PORTICO_BASE_URL, env().ATLASSIAN_API_URL);
  if (!reach.reachable) {
    await setWebhookState(orgId, connectionId, { status: 'unreachable_base_url', statusReason: describeBaseUrlReach(reach, env().PORTICO_BASE_URL), lastAttemptAt: now });
    return 'unreachable_base_url';
  }
  if (!canManageWebhooks(target.grantedScopes)) {
    await setWebhookState(orgId, connectionId, { status: 'missing_scope', statusReason: MISSING_SCOPE, lastAttemptAt: now });
    return 'missing_scope';
  }

  const jql = webhookJqlFor(target.projectFilter);
  const rows = await listWebhookRegistrations(orgId, connectionId);
  // Expired ones are gone at Jira (it stops sending and forgets them): only the row is left to drop.
  const live = rows.filter((row) => row.expiresAt.getTime() > now.getTime());
  const current = live.filter((row) => row.cloudId === cloudId && registrationMatches(row, jql));
  const stale = rows.filter((row) => !current.includes(row));
  const expiring = current.filter((row) => row.expiresAt.getTime() - now.getTime() < REFRESH_WITHIN_MS);
  if (current.length > 0 && stale.length === 0 && expiring.length === 0) return 'unchanged';

  const client = jiraClientForTarget(orgId, target);
  try {
    let outcome: EnsureOutcome = 'unchanged';
    if (current.length === 0) {
      const result = await client.registerWebhooks(webhookUrl(), [{ events: WEBHOOK_EVENTS, jqlFilter: jql }]);
      const id = result.webhookRegistrationResult[0]?.createdWebhookId;
      if (id === undefined) {
        // Jira's reasons echo the filter: logged as a count, never stored or shown.
        log().warn({ orgId, connectionId, errors: result.webhookRegistrationResult[0]?.errors?.length ?? 0 }, 'jira refused the webhook registration');
        await setWebhookState(orgId, connectionId, {
          status: 'failed',
          statusReason: 'Jira refused Portico’s webhook filter, so Portico polls Jira instead. Check that the projects in the filter still exist and that the authorizing user can browse them.',
          lastAttemptAt: now,
        });
        return 'failed';
      }
      await insertWebhookRegistrations(orgId, connectionId, [{ cloudId, jiraWebhookId: id, events: [...WEBHOOK_EVENTS], jqlFilter: jql, expiresAt: new Date(now.getTime() + WEBHOOK_LIFETIME_MS), registeredAt: now }]);
      outcome = 'registered';
    } else if (expiring.length > 0) {
      const { expirationDate } = await client.refreshWebhooks(expiring.map((row) => row.jiraWebhookId));
      await markWebhooksRefreshed(orgId, connectionId, expiring.map((row) => row.id), expirationDate ?? new Date(now.getTime() + WEBHOOK_LIFETIME_MS), now);
      outcome = 'refreshed';
    }
    await dropStale(orgId, connectionId, stale, client, cloudId, now);
    await setWebhookState(orgId, connectionId, { status: 'registered', statusReason: null, lastAttemptAt: now });
    return outcome;
  } catch (error) {
    await setWebhookState(orgId, connectionId, { ...describeFailure(error), lastAttemptAt: now });
    throw error;
  }
}

async function dropStale(orgId: string, connectionId: string, stale: WebhookRegistrationRow[], client: ReturnType<typeof jiraClientForTarget>, cloudId: string, now: Date): Promise<void> {
  if (stale.length === 0) return;
  // Webhook ids are per site: only this site's can be deleted through this client.
  const live = stale.filter((row) => row.cloudId === cloudId && row.expiresAt.getTime() > now.getTime());
  if (live.length > 0) {
    try {
      await client.deleteWebhooks(live.map((row) => row.jiraWebhookId));
    } catch (error) {
      // Best effort: an undeleted webhook keeps sending until it expires, and deliveries for ids Portico no
      // longer holds are acknowledged and ignored.
      log().warn({ err: error, orgId, connectionId }, 'deleting superseded jira webhooks failed');
    }
  }
  await deleteWebhookRegistrations(orgId, connectionId, stale.map((row) => row.id));
}

function describeFailure(error: unknown): { status: string; statusReason: string } {
  if (isJiraError(error) && error.kind === 'forbidden_scope') return { status: 'missing_scope', statusReason: MISSING_SCOPE };
  if (error instanceof GrantUnusableError || (isJiraError(error) && error.kind === 'token_unusable')) {
    return { status: 'failed', statusReason: 'Portico could not use the connection’s authorization to register webhooks, so it polls Jira instead. Reconnect the site.' };
  }
  if (isJiraError(error) && error.kind === 'bad_request') {
    return { status: 'failed', statusReason: 'Jira refused the webhook registration (another URL may already be registered for this app on the site), so Portico polls Jira instead. Remove the app’s other webhooks or use a separate app per Portico installation.' };
  }
  return { status: 'failed', statusReason: 'Registering webhooks with Jira failed; Portico polls Jira meanwhile and tries again within the hour.' };
}
