import 'server-only';
import { isJiraError, type JiraErrorKind } from '../client';
import { jiraClientForConnection } from '../connection-client';
import { SCOPE_REQUIREMENTS } from '../oauth/scopes';
import { grantProblemMessage } from '../grant-problems';
import { GrantUnusableError } from '../token-store';

export type ConnectionCheck = { ok: true; accountName: string } | { ok: false; reason: string; message: string };

const GRANT_SCREEN = { reconnect: 'Reconnect to restore it.', retry: 'Portico retries automatically.' };

// The check calls `myself`, which needs read:jira-user or its granular set (OpenAPI x-atlassian-oauth2-scopes),
// so a scope refusal here can only be about that one.
function missingScopeMessage(classic: string): string {
  const granular = SCOPE_REQUIREMENTS.find((requirement) => requirement.classic === classic)?.granular ?? [];
  return `The authorization lacks ${classic}${granular.length ? ` (or the granular ${granular.join(', ')})` : ''}, which Portico needs to know who connected it. Add it to the app’s permissions in the Atlassian developer console if it is missing there, then reconnect and accept every requested permission.`;
}

const JIRA_MESSAGES: Record<JiraErrorKind, string> = {
  forbidden_scope: missingScopeMessage('read:jira-user'),
  // Still refused after a refresh: the fresh token cannot reach this site (site removed from the authorization).
  token_unusable:
    'Atlassian refused Portico’s access to this site even with a fresh token; the site may have been removed from the authorization. Reconnect, choosing this site.',
  not_found: 'The Jira site is no longer accessible with this authorization. Reconnect, choosing this site.',
  forbidden: 'The authorizing user is not allowed to do this on the site.',
  rate_limited: 'Atlassian is throttling requests. Nothing is broken; try again in a minute.',
  upstream: 'Atlassian or the network is failing. Nothing is broken; Portico retries automatically.',
  bad_response: 'Jira answered in a form Portico did not expect. Try the check again later.',
  bad_request: 'Jira refused Portico’s request as invalid. Try the check again later.',
};

/** One real Jira call (`myself`) through the connection's grant, classified for the admin. */
export async function checkConnection(orgId: string, connectionId: string): Promise<ConnectionCheck> {
  try {
    const client = await jiraClientForConnection(orgId, connectionId);
    const myself = await client.getMyself();
    return { ok: true, accountName: myself.displayName };
  } catch (error) {
    if (error instanceof GrantUnusableError) {
      return { ok: false, reason: error.reason, message: grantProblemMessage(error.reason, GRANT_SCREEN) };
    }
    if (isJiraError(error)) return { ok: false, reason: error.kind, message: JIRA_MESSAGES[error.kind] };
    throw error;
  }
}
