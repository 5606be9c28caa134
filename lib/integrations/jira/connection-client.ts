import 'server-only';
import { getConnectionTarget, type ConnectionTarget } from '@/db/queries/jira-connections';
import { env } from '@/lib/config/env';
import { createJiraClient, type JiraCallEvent, type JiraClient, type JiraClientOptions } from './client';
import { getAccessToken, GrantUnusableError } from './token-store';
import { recordJiraCall } from './usage-recorder';

/**
 * A Jira client for one of the organization's connections. Tokens come from the token store on
 * demand (refreshed single-flight), so callers never hold one.
 */
export async function jiraClientForConnection(
  orgId: string,
  connectionId: string,
  options: Pick<JiraClientOptions, 'maxConcurrency'> = {},
): Promise<JiraClient> {
  const target = await getConnectionTarget(orgId, connectionId);
  if (!target) throw new GrantUnusableError('not_connected');
  return jiraClientForTarget(orgId, target, options);
}

/**
 * The same, for a caller that already loaded the connection (and may observe the calls, or bound
 * them tighter, as diagnostics does). Every call is counted for the rate-limit and scope checks.
 */
export function jiraClientForTarget(
  orgId: string,
  target: ConnectionTarget,
  options: Pick<JiraClientOptions, 'onCall' | 'timeoutMs' | 'rateLimit' | 'upstreamRetryDelayMs' | 'maxConcurrency'> & {
    /** false: only the stored token while it lasts, never a refresh (token-store getAccessToken). */
    allowRefresh?: boolean;
  } = {},
): JiraClient {
  const { id: connectionId, grantId, cloudId } = target;
  if (!grantId || !cloudId) throw new GrantUnusableError('not_connected');
  const { onCall: observe, allowRefresh, ...bounds } = options;
  return createJiraClient({
    ...bounds,
    onCall: (event: JiraCallEvent) => {
      recordJiraCall(orgId, connectionId, event);
      observe?.(event);
    },
    apiBaseUrl: env().ATLASSIAN_API_URL,
    cloudId,
    // The site goes along: a 401 from a site the grant does not reach is no reason to refresh.
    getAccessToken: (tokenOptions) => getAccessToken(orgId, grantId, { ...tokenOptions, allowRefresh, cloudId }),
  });
}
