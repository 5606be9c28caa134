// Bearer-token checks shared by api.atlassian.com routes.
import type { Reply } from '../http/respond';
import type { AccessToken } from '../oauth/access-tokens';
import type { SandboxState } from '../state';

// Status 401 is widely reported for expired/revoked tokens; the body shape is unconfirmed
// (error-bodies.compiled.json, api_gateway). The gateway's scope error uses the same {code,message} shape.
export const UNAUTHORIZED: Reply = { status: 401, body: { code: 401, message: 'Unauthorized' } };
export const SCOPE_MISMATCH: Reply = { status: 401, body: { code: 401, message: 'Unauthorized; scope does not match' } };

export function authenticate(state: SandboxState, authorization: string | undefined): AccessToken | null {
  if (state.scenario.revoked) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  return state.accessTokens.lookup(match[1], state.now());
}

/**
 * Sites this token may reach: the user's consents to this app, for sites that still exist; for a
 * resource-level grant only those its own consent covered (a later consent is another grant).
 */
export function grantedSites(state: SandboxState, token: AccessToken) {
  const app = state.apps.get(token.clientId);
  const covered = state.grants.get(token.grantId)?.cloudIds ?? null;
  return state.consents
    .listFor(token.accountId, token.clientId)
    .filter((consent) => covered === null || covered.includes(consent.cloudId))
    .map((consent) => ({ consent, site: state.site(consent.cloudId), appScopes: app?.scopes ?? [] }))
    .filter((x) => x.site !== undefined);
}

/** Whether the token reaches this site (see grantedSites). */
export function reachesSite(state: SandboxState, token: AccessToken, cloudId: string): boolean {
  const covered = state.grants.get(token.grantId)?.cloudIds ?? null;
  if (covered !== null && !covered.includes(cloudId)) return false;
  return state.site(cloudId) !== undefined && state.consents.has(token.accountId, token.clientId, cloudId);
}
