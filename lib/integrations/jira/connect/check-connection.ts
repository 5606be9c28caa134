import 'server-only';
import { isJiraError } from '../client';
import { jiraClientForConnection } from '../connection-client';
import { SCOPE_REQUIREMENTS } from '../oauth/scopes';
import { GrantUnusableError, type GrantUnusableReason } from '../token-store';

export type ConnectionCheck =
  | { ok: true; accountName: string }
  | { ok: false; reason: string; message: string };

const GRANT_MESSAGES: Record<GrantUnusableReason, string> = {
  needs_reconnect: 'Atlassian no longer accepts this authorization (expired, revoked or replaced). Reconnect to restore it.',
  app_credentials_rejected: 'Atlassian rejected the OAuth app’s client ID or secret. Reconnecting will not help: if your organization uses its own app, an admin must correct it under OAuth app settings; otherwise the Portico operator must.',
  atlassian_unavailable: 'Atlassian could not be reached. Nothing is broken; Portico retries automatically.',
  rate_limited: 'Atlassian is throttling requests. Nothing is broken; try again in a minute.',
  not_connected: 'This site is not connected. Reconnect to authorize it again.',
  not_configured: 'No OAuth app is configured: add your organization’s own app under OAuth app settings, or ask the Portico operator to set ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET.',
  app_changed:
    'This connection was authorized with an OAuth app your organization no longer uses (it switched apps). Reconnect to authorize with the current app.',
};

// The check calls `myself`, which needs read:jira-user or its granular set (OpenAPI x-atlassian-oauth2-scopes),
// so a scope refusal here can only be about that one.
function missingScopeMessage(classic: string): string {
  const granular = SCOPE_REQUIREMENTS.find((requirement) => requirement.classic === classic)?.granular ?? [];
  return `The authorization lacks ${classic}${granular.length ? ` (or the granular ${granular.join(', ')})` : ''}, which Portico needs to know who connected it. Add it to the app’s permissions in the Atlassian developer console if it is missing there, then reconnect and accept every requested permission.`;
}

const JIRA_MESSAGES: Record<string, string> = {
  forbidden_scope: missingScopeMessage('read:jira-user'),
  // Still refused after a refresh: the fresh token cannot reach this site (site removed from the authorization).
  token_unusable: 'Atlassian refused Portico’s access to this site even with a fresh token; the site may have been removed from the authorization. Reconnect, choosing this site.',
  not_found: 'The Jira site is no longer accessible with this authorization. Reconnect, choosing this site.',
  forbidden: 'The authorizing user is not allowed to do this on the site.',
  rate_limited: 'Atlassian is throttling requests. Nothing is broken; try again in a minute.',
  upstream: 'Atlassian or the network is failing. Nothing is broken; Portico retries automatically.',
};

/** One real Jira call (`myself`) through the connection's grant, classified for the admin. */
export async function checkConnection(orgId: string, connectionId: string): Promise<ConnectionCheck> {
  try {
    const client = await jiraClientForConnection(orgId, connectionId);
    const myself = await client.getMyself();
    return { ok: true, accountName: myself.displayName };
  } catch (error) {
    if (error instanceof GrantUnusableError) return { ok: false, reason: error.reason, message: GRANT_MESSAGES[error.reason] };
    if (isJiraError(error)) {
      return { ok: false, reason: error.kind, message: JIRA_MESSAGES[error.kind] ?? 'Jira answered with an unexpected error.' };
    }
    throw error;
  }
}
