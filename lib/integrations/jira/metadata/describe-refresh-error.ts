import 'server-only';
import { isJiraError, type JiraErrorKind } from '../client/errors';
import { grantProblemMessage } from '../grant-problems';
import { GrantUnusableError } from '../token-store';

// What the editors show when a refresh failed. Built from the error's kind only: never a token and
// never Jira's response body. Every sentence says what happens next or what to do.

const STALE = 'The projects, statuses and priorities shown are from the last successful refresh.';

const GRANT_SCREEN = {
  reconnect: 'Reconnect Jira to load current projects, statuses and priorities.',
  retry: `Portico will try again shortly. ${STALE}`,
};

const JIRA_MESSAGES: Record<JiraErrorKind, string> = {
  forbidden_scope:
    'The Jira connection lacks a permission Portico needs to read projects, statuses or priorities. Reconnect Jira and accept every requested permission.',
  token_unusable: 'Jira did not accept Portico’s access. Reconnect Jira if this happens again.',
  forbidden:
    'The Jira user who connected Portico may not read this site’s projects, statuses or priorities. Reconnect with a user who can browse the projects.',
  not_found: `Jira could not find something Portico asked for. Try Refresh again; if it persists, reconnect Jira. ${STALE}`,
  rate_limited: `Jira is rate limiting this site. Wait a few minutes, then use Refresh. ${STALE}`,
  upstream: `Jira is unavailable or failing. Try Refresh again in a few minutes. ${STALE}`,
  bad_response: `Jira answered in a form Portico did not expect. Try Refresh again later. ${STALE}`,
  bad_request: `Jira rejected one of Portico’s requests. Try Refresh again later. ${STALE}`,
};

export function describeRefreshError(error: unknown): { kind: string; message: string } {
  if (error instanceof GrantUnusableError) {
    return { kind: error.reason, message: grantProblemMessage(error.reason, GRANT_SCREEN) };
  }
  if (isJiraError(error)) return { kind: error.kind, message: JIRA_MESSAGES[error.kind] };
  return {
    kind: 'unexpected',
    message: `Portico could not refresh the Jira data because of an internal error. Try Refresh again. ${STALE}`,
  };
}
