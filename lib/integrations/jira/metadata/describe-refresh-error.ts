import 'server-only';
import { isJiraError, type JiraErrorKind } from '../client/errors';
import { GrantUnusableError, type GrantUnusableReason } from '../token-store';

// What the editors show when a refresh failed. Built from the error's kind only: never a token and
// never Jira's response body. Every sentence says what happens next or what to do.

const STALE = 'The projects, statuses and priorities shown are from the last successful refresh.';

const GRANT_MESSAGES: Record<GrantUnusableReason, string> = {
  needs_reconnect: 'Portico’s access to Jira has expired or was revoked. Reconnect Jira to load current projects, statuses and priorities.',
  not_connected: 'This Jira site is not connected. Connect it again to load its projects, statuses and priorities.',
  app_changed: 'This Jira connection was authorized with an OAuth app your organization no longer uses. Reconnect Jira to authorize with the current app.',
  not_configured: 'Portico is not set up to connect to Jira (no Atlassian app is configured). Ask whoever runs Portico to configure it.',
  app_credentials_rejected: 'Atlassian rejected Portico’s app credentials. Ask whoever runs Portico to check the Jira app configuration.',
  atlassian_unavailable: `Atlassian could not be reached to renew Portico’s access. Portico will try again shortly. ${STALE}`,
  rate_limited: `Atlassian is limiting how often Portico may renew its access. Portico will try again shortly. ${STALE}`,
};

const JIRA_MESSAGES: Record<JiraErrorKind, string> = {
  forbidden_scope: 'The Jira connection lacks a permission Portico needs to read projects, statuses or priorities. Reconnect Jira and accept every requested permission.',
  token_unusable: 'Jira did not accept Portico’s access. Reconnect Jira if this happens again.',
  forbidden: 'The Jira user who connected Portico may not read this site’s projects, statuses or priorities. Reconnect with a user who can browse the projects.',
  not_found: `Jira could not find something Portico asked for. Try Refresh again; if it persists, reconnect Jira. ${STALE}`,
  rate_limited: `Jira is rate limiting this site. Wait a few minutes, then use Refresh. ${STALE}`,
  upstream: `Jira is unavailable or failing. Try Refresh again in a few minutes. ${STALE}`,
  bad_response: `Jira answered in a form Portico did not expect. Try Refresh again later. ${STALE}`,
  bad_request: `Jira rejected one of Portico’s requests. Try Refresh again later. ${STALE}`,
};

export function describeRefreshError(error: unknown): { kind: string; message: string } {
  if (error instanceof GrantUnusableError) return { kind: error.reason, message: GRANT_MESSAGES[error.reason] };
  if (isJiraError(error)) return { kind: error.kind, message: JIRA_MESSAGES[error.kind] };
  return { kind: 'unexpected', message: `Portico could not refresh the Jira data because of an internal error. Try Refresh again. ${STALE}` };
}
