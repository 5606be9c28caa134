import { isJiraError } from '../client/errors';

/*
 * What a failed sync step means for the admin. Kinds are the Jira client's error kinds, or the token
 * store's reasons prefixed with `grant_`. The message is Portico's own sentence: never an upstream body.
 */

export interface SyncFailure {
  kind: string;
  message: string;
  /** Seconds Jira asked to wait, when it did: the next attempt is not sooner. */
  retryAfterSecs?: number;
}

export function classifySyncFailure(error: unknown): SyncFailure {
  if (isJiraError(error)) return { kind: error.kind, message: error.message, retryAfterSecs: error.retryAfterSecs };
  if (error instanceof Error && error.name === 'GrantUnusableError' && 'reason' in error) {
    return { kind: `grant_${String(error.reason)}`, message: 'Portico could not get a usable Jira token for this connection.' };
  }
  return { kind: 'internal', message: 'The sync stopped on an unexpected error.' };
}

const REMEDIES: Record<string, string> = {
  rate_limited: 'Jira is rate limiting this site. Portico waits as Jira asks and resumes on its own; nothing to do unless it lasts for hours.',
  upstream: 'Jira did not answer properly. Portico retries with increasing delays; check status.atlassian.com if it lasts.',
  token_unusable: 'Jira refused the connection’s token. Reconnect the site.',
  forbidden_scope: 'The connection lacks a scope the sync needs (read:jira-work). Reconnect and grant every requested scope.',
  forbidden: 'The authorizing Jira user may not browse these projects. Grant them Browse projects, or change the project filter.',
  not_found: 'Jira no longer finds a project of the filter. Edit the project filter.',
  bad_request: 'Jira refused the sync’s search, usually because a project of the filter was deleted or renamed. Edit the project filter.',
  bad_response: 'Jira answered in a shape Portico does not understand. Portico retries; contact support if it lasts.',
  grant_needs_reconnect: 'Atlassian refused the stored authorization. Reconnect the site.',
  grant_not_connected: 'The connection is not connected. Reconnect the site.',
  grant_token_unreadable: 'Portico can no longer read this connection’s tokens. Reconnect the site.',
  grant_app_credentials_rejected: 'Atlassian rejected the OAuth app’s credentials. Fix the OAuth app settings, then reconnect.',
  grant_atlassian_unavailable: 'Atlassian’s token service did not answer. Portico retries with increasing delays.',
  grant_rate_limited: 'Atlassian’s token service is rate limiting. Portico retries with increasing delays.',
};

export function syncFailureRemedy(kind: string): string {
  return REMEDIES[kind] ?? 'Portico retries with increasing delays. Run diagnostics on the Troubleshooting tab if it lasts.';
}

/** Kinds that clear without anyone acting: shown as failing only once they repeat. */
const TRANSIENT = new Set(['rate_limited', 'upstream', 'bad_response', 'grant_atlassian_unavailable', 'grant_rate_limited', 'internal']);

export function isFailing(kind: string | null, failureCount: number): boolean {
  if (!kind || failureCount === 0) return false;
  return TRANSIENT.has(kind) ? failureCount >= 3 : true;
}

/**
 * Kinds a new consent can fix (a refused or unreadable grant, a missing scope): the consent clears them, so
 * the Sync section does not keep the old grant's failure, and its back-off, once the site works again.
 */
export const FIXED_BY_NEW_CONSENT = [
  'token_unusable',
  'forbidden_scope',
  'grant_needs_reconnect',
  'grant_not_connected',
  'grant_token_unreadable',
  'grant_app_credentials_rejected',
] as const;
