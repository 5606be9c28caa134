import 'server-only';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { env } from '@/lib/config/env';
import { createJiraClient, type JiraClient } from './client';
import { getAccessToken, GrantUnusableError } from './token-store';

/**
 * A Jira client for one of the organization's connections. Tokens come from the token store on
 * demand (refreshed single-flight), so callers never hold one.
 */
export async function jiraClientForConnection(orgId: string, connectionId: string): Promise<JiraClient> {
  const target = await getConnectionTarget(orgId, connectionId);
  if (!target?.grantId) throw new GrantUnusableError('not_connected');
  const grantId = target.grantId;
  return createJiraClient({
    apiBaseUrl: env().ATLASSIAN_API_URL,
    cloudId: target.cloudId,
    getAccessToken: (options) => getAccessToken(orgId, grantId, options),
  });
}
