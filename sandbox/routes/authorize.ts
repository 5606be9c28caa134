// GET /authorize (auth.atlassian.com): validates the request and shows the consent screen.
// POST /authorize/decision: the consent form's Accept / Cancel, redirecting back to the app.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { redirect, sendHtml } from '../http/respond';
import type { SandboxState } from '../state';
import { renderConsentPage } from './consent-page';
import { renderErrorPage } from './page-layout';

const PENDING_LIFETIME_MS = 30 * 60_000;

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

export function handleAuthorize(state: SandboxState, query: URLSearchParams, res: ServerResponse): void {
  const clientId = query.get('client_id') ?? '';
  const app = state.apps.get(clientId);
  if (!app) return sendHtml(res, 400, renderErrorPage('invalid_request', 'Unknown client. Check the client_id in the authorization URL.'));
  const redirectUri = query.get('redirect_uri') ?? '';
  // Atlassian never redirects to an unregistered URL; it shows its own error page instead.
  if (redirectUri !== app.callbackUrl) {
    return sendHtml(res, 400, renderErrorPage('unauthorized_client', `Callback URL mismatch. ${redirectUri} is not in the list of allowed callback URLs`));
  }
  const stateParam = query.get('state');
  const fail = (error: string, description: string) => redirect(res, withParams(redirectUri, { error, error_description: description, state: stateParam }));
  if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'Unsupported response type: only "code" is supported.');
  if (query.get('audience') !== 'api.atlassian.com') return fail('invalid_request', 'The audience parameter must be api.atlassian.com.');
  const scopes = [...new Set((query.get('scope') ?? '').split(/\s+/).filter(Boolean))];
  if (scopes.length === 0) return fail('invalid_scope', 'No scope was requested.');
  const unconfigured = scopes.filter((s) => !app.scopes.includes(s));
  if (unconfigured.length > 0) {
    return sendHtml(res, 400, renderErrorPage('invalid_scope', `The app requested scopes it is not configured with in the developer console: ${unconfigured.join(', ')}.`));
  }
  const challenge = query.get('code_challenge');
  if (challenge && query.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
  const sites = state.world.sites;
  if (sites.length === 0) return sendHtml(res, 403, renderErrorPage('access_denied', "Your account doesn't have access to any Atlassian sites."));

  const now = state.now();
  for (const [id, p] of state.pending) if (now - p.createdAt > PENDING_LIFETIME_MS) state.pending.delete(id);
  const id = randomBytes(16).toString('base64url');
  state.pending.set(id, { id, clientId, redirectUri, scopes, state: stateParam, codeChallenge: challenge, createdAt: now });
  sendHtml(res, 200, renderConsentPage({ app, user: state.world.user, sites, scopes, requestId: id }));
}

export function handleDecision(state: SandboxState, form: Record<string, unknown>, res: ServerResponse): void {
  const pending = state.pending.get(typeof form.request === 'string' ? form.request : '');
  if (!pending) return sendHtml(res, 400, renderErrorPage('invalid_request', 'This authorization request has expired. Go back to the app and start again.'));
  state.pending.delete(pending.id);
  if (form.decision !== 'accept') {
    return redirect(res, withParams(pending.redirectUri, { error: 'access_denied', error_description: 'User did not authorize the request', state: pending.state }));
  }
  const cloudId = typeof form.cloudId === 'string' ? form.cloudId : '';
  if (!state.site(cloudId)) return sendHtml(res, 400, renderErrorPage('invalid_request', 'Choose a site to use the app on.'));
  const now = state.now();
  const accountId = state.world.user.accountId;
  state.consents.upsert({ accountId, clientId: pending.clientId, cloudId, scopes: pending.scopes, grantedAt: now });
  const code = state.codes.issue(
    { clientId: pending.clientId, accountId, redirectUri: pending.redirectUri, scopes: pending.scopes, cloudId, codeChallenge: pending.codeChallenge },
    now,
  );
  redirect(res, withParams(pending.redirectUri, { code: code.code, state: pending.state }));
}
