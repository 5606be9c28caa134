import 'server-only';
import { getConnectionTarget, type ConnectionTarget } from '@/db/queries/jira-connections';
import { env } from '@/lib/config/env';
import { createJiraClient, type JiraClient, type JiraClientOptions } from './client';
import { getAccessToken, GrantUnusableError } from './token-store';

/**
 * A Jira client for one of the organization's connections. Tokens come from the token store on
 * demand (refreshed single-flight), so callers never hold one.
 */
export async function jiraClientForConnection(orgId: string, connectionId: string): Promise<JiraClient> {
  const target = await getConnectionTarget(orgId, connectionId);
  if (!target) throw new GrantUnusableError('not_connected');
  return jiraClientForTarget(orgId, target);
}

/** The same, for a caller that already loaded the connection (and may observe the calls). */
export function jiraClientForTarget(orgId: string, target: ConnectionTarget, options: Pick<JiraClientOptions, 'onCall'> = {}): JiraClient {
  const { grantId, cloudId } = target;
  if (!grantId || !cloudId) throw new GrantUnusableError('not_connected');
  return createJiraClient({
    ...options,
    apiBaseUrl: env().ATLASSIAN_API_URL,
    cloudId,
    getAccessToken: (tokenOptions) => getAccessToken(orgId, grantId, tokenOptions),
  });
}
