// Why a grant cannot give a token, and who acts on it: one table for every screen that reports it
// (connection check, editors, preview, connection status, diagnostics), so their advice cannot drift.
// Pure: each screen supplies only its own "reconnect" and "retry" wording.
import type { GrantUnusableReason } from './token-store';

export type GrantProblemNext = 'reconnect' | 'app_owner' | 'wait';

export const GRANT_PROBLEM: Record<GrantUnusableReason, { cause: string; next: GrantProblemNext }> = {
  needs_reconnect: {
    cause: 'Atlassian no longer accepts this authorization (expired, revoked or replaced).',
    next: 'reconnect',
  },
  not_connected: { cause: 'This Jira site is not connected.', next: 'reconnect' },
  app_changed: {
    cause: 'This connection was authorized with an OAuth app your organization no longer uses (it switched apps).',
    next: 'reconnect',
  },
  app_credentials_rejected: { cause: 'Atlassian rejected the OAuth app’s client ID or secret.', next: 'app_owner' },
  not_configured: { cause: 'No OAuth app is configured for connecting to Jira.', next: 'app_owner' },
  token_unreadable: {
    cause:
      'Portico can no longer read this connection’s tokens: the key that encrypted them was removed from its configuration.',
    next: 'reconnect',
  },
  app_secret_unreadable: {
    cause:
      'Portico can no longer read your organization’s OAuth app client secret: the key that encrypted it was removed from its configuration.',
    next: 'app_owner',
  },
  atlassian_unavailable: { cause: 'Atlassian could not be reached.', next: 'wait' },
  rate_limited: { cause: 'Atlassian is throttling requests.', next: 'wait' },
};

/** Who fixes the app: the organization's admin for its own app, the operator for the platform's. */
export const APP_OWNER =
  'Reconnecting will not help: if your organization uses its own app, an admin corrects it under OAuth app settings; otherwise the Portico operator must.';

/** The cause, then what to do on this screen: reconnect, the app owner's sentence, or wait and retry. */
export function grantProblemMessage(reason: GrantUnusableReason, screen: { reconnect: string; retry: string }): string {
  const { cause, next } = GRANT_PROBLEM[reason];
  if (next === 'reconnect') return `${cause} ${screen.reconnect}`;
  if (next === 'app_owner') return `${cause} ${APP_OWNER}`;
  return `${cause} Nothing is broken; ${screen.retry}`;
}

/**
 * lastRefreshError values token-store.ts writes besides a token failure kind. REFRESH_ANSWER_LOST: the
 * last refresh got no answer at all (timeout, dropped connection), so Atlassian may have rotated the
 * token without Portico hearing of it, and the next refresh must present the same, possibly used,
 * refresh token. REFRESH_TOKEN_REUSED: that retry was refused: Portico's own retry most likely
 * tripped Atlassian's reuse detection, which revokes the whole token family.
 */
export const REFRESH_ANSWER_LOST = 'answer_lost';
export const REFRESH_TOKEN_REUSED = 'refresh_token_reused';

export const PORTICO_REUSED_REFRESH_TOKEN_CAUSE =
  'Portico itself caused it: an earlier refresh got no answer from Atlassian (timeout or dropped connection), so Portico never received the rotated token, and its retry with the previous refresh token looked like token reuse, for which Atlassian revokes the whole authorization. Nobody revoked access and no other copy of Portico is involved';

// Why Atlassian refuses a refresh token, shared by the connection status and diagnostics' grant check.
export const NO_REFRESH_TOKEN_CAUSE =
  'Atlassian issued no refresh token (the offline_access scope was not granted), so the authorization ended with its first access token';
export const REVOKED_GRANT_CAUSES =
  'the user revoked Portico’s access in their Atlassian account (Profile › Connected apps), their password changed, or their account was deactivated; less often, another copy of Portico’s database used the same refresh token (Atlassian then revokes the whole authorization)';
