import type { JiraErrorKind } from '../client/errors';
import { grantProblemMessage } from '../grant-problems';
import type { GrantUnusableReason } from '../token-store';

// What the preview panel shows when Jira could not answer. Pure: built from the failure's kind and
// the project filter only, never from Jira's response body. Every sentence says what to do next.

export type PreviewFailure = { status: number; error: string; message: string };

const GRANT_SCREEN = {
  reconnect: 'Reconnect Jira on the connection page, then preview again.',
  retry: 'try the preview again in a few minutes.',
};

const JIRA: Record<JiraErrorKind, string> = {
  token_unusable:
    'Jira did not accept Portico’s access to this site; the site may have been removed from the authorization. Reconnect Jira, choosing this site.',
  forbidden_scope:
    'The Jira connection lacks the read:jira-work permission the preview needs. Reconnect Jira and accept every requested permission.',
  forbidden:
    'The Jira user who connected Portico may not search these projects. Reconnect with a user who can browse them.',
  not_found:
    'Jira could not find this site or a project in the filter. Check the project filter; if it persists, reconnect Jira.',
  rate_limited: 'Jira is rate limiting this site. Nothing is broken; try the preview again in a minute.',
  upstream: 'Jira is unavailable or failing. Nothing is broken; try the preview again in a few minutes.',
  bad_response: 'Jira answered in a form Portico did not expect. Try the preview again later.',
  bad_request: 'Jira refused the preview query. Check the project filter, then try again.',
};

export function grantPreviewFailure(reason: Exclude<GrantUnusableReason, 'not_connected'>): PreviewFailure {
  return {
    status: reason === 'rate_limited' ? 429 : 503,
    error: reason,
    message: grantProblemMessage(reason, GRANT_SCREEN),
  };
}

/**
 * Jira refuses JQL naming a project the user cannot see (400, "The value 'HELP' does not exist for
 * the field 'project'"), so a filter with such projects fails as bad_request: name them when the
 * cached project list shows which ones they are.
 */
export function jiraPreviewFailure(kind: JiraErrorKind, projectsNotVisible: readonly string[]): PreviewFailure {
  if (kind === 'bad_request' && projectsNotVisible.length > 0) {
    return {
      status: 422,
      error: 'projects_not_visible',
      message: `The Jira user who connected Portico cannot see ${projectsNotVisible.join(', ')} (or they no longer exist), so Jira refused the preview. Remove them from the project filter, or ask a Jira admin to grant that user Browse Projects.`,
    };
  }
  return { status: kind === 'rate_limited' ? 429 : 502, error: kind, message: JIRA[kind] };
}
