// POST /oauth/token (auth.atlassian.com): authorization_code and rotating refresh_token grants.
// Error bodies follow sandbox/reference/recorded/error-bodies.compiled.json. Client authentication is checked
// first, so a wrong secret is 401 access_denied even when the grant itself is bogus.
import { timingSafeEqual } from 'node:crypto';
import type { Reply } from '../http/respond';
import { verifyPkce } from '../oauth/pkce';
import { basicCredentials, TokenRequestSchema } from '../oauth/token-request';
import type { SandboxState } from '../state';
import type { SandboxApp } from '../types';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };
const err = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description }, headers: NO_STORE });
const INVALID_REFRESH = () => err(403, 'invalid_grant', 'Unknown or invalid refresh token.');

function secretMatches(app: SandboxApp, secret: string): boolean {
  const a = Buffer.from(app.clientSecret);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function issueTokens(state: SandboxState, app: SandboxApp, grantId: string, accountId: string, consented: string[], refreshToken: string | null): Reply {
  // Granted = what the user consented to ∩ what the app is configured with right now.
  const scopes = consented.filter((s) => app.scopes.includes(s));
  const access = state.accessTokens.issue({ grantId, clientId: app.clientId, accountId, scopes }, state.now(), state.knobs.accessTokenLifetimeSecs);
  return {
    status: 200,
    headers: NO_STORE,
    body: {
      access_token: access.token,
      expires_in: state.knobs.accessTokenLifetimeSecs,
      token_type: 'Bearer',
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: scopes.join(' '),
    },
  };
}

export function handleToken(state: SandboxState, body: Record<string, unknown> | null | undefined, authorization: string | undefined): Reply {
  const parsed = TokenRequestSchema.safeParse(body ?? {});
  if (body === null || !parsed.success) return err(400, 'invalid_request', 'The request body could not be parsed.');
  const req = parsed.data;
  const basic = basicCredentials(authorization);
  const clientId = req.client_id ?? basic?.clientId ?? '';
  const app = state.apps.get(clientId);
  if (!app || !secretMatches(app, req.client_secret ?? basic?.clientSecret ?? '')) return err(401, 'access_denied', 'Unauthorized');
  const now = state.now();

  if (req.grant_type === 'authorization_code') {
    const redemption = state.codes.redeem(req.code ?? '', clientId, now);
    if (!redemption.ok) {
      if (redemption.reason === 'unknown') state.counters.unknownCodeExchanges++;
      return err(403, 'invalid_grant', 'Invalid authorization code');
    }
    const code = redemption.code;
    if (req.redirect_uri !== code.redirectUri) return err(403, 'invalid_grant', 'Invalid redirect_uri');
    if (code.codeChallenge && !verifyPkce(code.codeChallenge, req.code_verifier ?? '')) return err(403, 'invalid_grant', 'Failed to verify code verifier');
    // Resource-level: this consent's grant covers only the site picked on the consent screen; an earlier
    // grant of the same account keeps its own site and stays valid. Account-level: the account's sites.
    const grant = state.grants.create(clientId, code.accountId, code.scopes, now, app.grantType === 'resource' ? [code.cloudId] : null);
    const offline = code.scopes.includes('offline_access') && app.scopes.includes('offline_access');
    const refresh = offline ? state.grants.issueRefreshToken(grant, null, now).token : null;
    state.counters.tokenGrants.authorization_code++;
    return issueTokens(state, app, grant.id, code.accountId, code.scopes, refresh);
  }

  if (req.grant_type === 'refresh_token') {
    if (state.scenario.refreshFails || state.scenario.revoked) {
      state.counters.refreshFailures++;
      return INVALID_REFRESH();
    }
    const redemption = state.grants.redeem(req.refresh_token ?? '', clientId, now, state.knobs.reuseLeewaySecs * 1000);
    if (!redemption.ok) {
      state.counters.refreshFailures++;
      return INVALID_REFRESH();
    }
    const { grant, record } = redemption;
    const child = state.grants.issueRefreshToken(grant, record.token, now);
    state.counters.tokenGrants.refresh_token++;
    return issueTokens(state, app, grant.id, grant.accountId, grant.scopes, child.token);
  }

  if (req.grant_type === 'client_credentials' || req.grant_type === 'password') {
    return err(403, 'unauthorized_client', `Grant type '${req.grant_type}' not allowed for the client.`);
  }
  return err(400, 'unsupported_grant_type', 'Unsupported grant type');
}
