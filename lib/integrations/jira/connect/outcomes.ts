import { grantProblemMessage } from '../grant-problems';

/**
 * Every way a connect attempt can end, with the sentence the admin reads. Pure: the callback
 * redirects with only the code, so nothing from Atlassian's response is ever reflected.
 */
export const CONNECT_OUTCOMES = {
  connected: { tone: 'success', message: 'Jira is connected.' },
  reconnected: { tone: 'success', message: 'Jira is reconnected. Your project filter and mappings were kept.' },
  cancelled: { tone: 'info', message: 'You cancelled the authorization at Atlassian. Nothing was changed.' },
  cancelled_unknown: {
    tone: 'info',
    message: 'The authorization was cancelled at Atlassian. Nothing was changed. Start again with Connect when you are ready.',
  },
  invalid_state: {
    tone: 'danger',
    message:
      'This authorization could not be verified: it expired (after 10 minutes), was already used, or was started in another browser or session. Nothing was changed. Start again with Connect.',
  },
  invalid_request: { tone: 'danger', message: 'The response from Atlassian was malformed. Nothing was changed. Start again with Connect.' },
  missing_code: {
    tone: 'danger',
    message: 'Atlassian returned without an authorization code. Nothing was changed. Start again with Connect.',
  },
  admin_only: { tone: 'danger', message: 'Only organization admins can connect Jira. Nothing was changed.' },
  not_configured: {
    tone: 'danger',
    message: 'Jira is not configured on this Portico: set ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET.',
  },
  scope_not_allowed: {
    tone: 'danger',
    message:
      'Atlassian refused the requested permissions: the OAuth app in the Atlassian developer console does not have all the scopes Portico requests. Add them under Permissions > Jira API, then connect again.',
  },
  callback_mismatch: {
    tone: 'danger',
    message:
      'Atlassian refused the callback URL. In the Atlassian developer console, set the app’s callback URL to exactly the one shown on this page, then connect again.',
  },
  atlassian_refused: {
    tone: 'danger',
    message: 'Atlassian refused the authorization. Nothing was changed. Try again; if it keeps failing, run diagnostics.',
  },
  app_credentials_rejected: {
    tone: 'danger',
    message: grantProblemMessage('app_credentials_rejected', { reconnect: '', retry: '' }),
  },
  app_secret_unreadable: {
    tone: 'danger',
    message: grantProblemMessage('app_secret_unreadable', { reconnect: '', retry: '' }),
  },
  code_rejected: {
    tone: 'danger',
    message: 'Atlassian did not accept the authorization code: it expired or was already used. Nothing was changed. Start again with Connect.',
  },
  atlassian_unavailable: {
    tone: 'warning',
    message: 'Atlassian could not be reached or had an error. Nothing was changed. Try again in a few minutes.',
  },
  internal_error: {
    tone: 'danger',
    message:
      'Portico failed while finishing the connection: the fault is in Portico, not at Atlassian. Nothing was changed. Try again; if it keeps failing, give your Portico administrator the request id below.',
  },
  rate_limited: { tone: 'warning', message: 'Atlassian is throttling requests right now. Nothing was changed. Try again in a minute.' },
  no_sites: {
    tone: 'warning',
    message:
      'Your Atlassian account did not give Portico access to any Jira site. Connect again and choose a Jira site under “Use app on” on Atlassian’s consent screen; you need access to that site.',
  },
  pending_expired: {
    tone: 'danger',
    message: 'The site choice expired (after 10 minutes) or was already made. Nothing was changed. Start again with Connect.',
  },
  site_already_connected: {
    tone: 'warning',
    message:
      'Your organization already has a connection for this Jira site, so nothing was saved. Authorize the waiting connection with another site, or delete it and use the existing one.',
  },
  site_has_disconnected_connection: {
    tone: 'warning',
    message:
      'Your organization has a disconnected connection for this Jira site, so nothing was saved. Reconnect that connection from its page under Settings › Integrations (it keeps its project filter and mappings), or delete it and ask whoever sent the authorization link for a new one.',
  },
  disconnected: { tone: 'success', message: 'Jira is disconnected. Portico deleted its tokens for that site.' },
} as const;

export type ConnectOutcome = keyof typeof CONNECT_OUTCOMES;

export function isConnectOutcome(value: unknown): value is ConnectOutcome {
  return typeof value === 'string' && Object.hasOwn(CONNECT_OUTCOMES, value);
}

/** Maps Atlassian's authorization error codes (RFC 6749 §4.1.2.1) to an outcome. */
export function outcomeForAuthorizationError(error: string): ConnectOutcome {
  switch (error) {
    case 'access_denied':
      return 'cancelled';
    case 'invalid_scope':
      return 'scope_not_allowed';
    case 'unauthorized_client':
    case 'invalid_request':
      return 'callback_mismatch';
    case 'server_error':
    case 'temporarily_unavailable':
      return 'atlassian_unavailable';
    default:
      return 'atlassian_refused';
  }
}
