import 'server-only';
import type { AtlassianOAuthConfig } from './config';

/** Atlassian's documented 3LO authorization URL, plus PKCE (S256) as extra hardening. */
export function buildAuthorizeUrl(config: AtlassianOAuthConfig, state: string, codeChallenge: string): URL {
  const url = new URL(config.authorizationServer.authorization_endpoint!);
  url.search = new URLSearchParams({
    audience: 'api.atlassian.com',
    client_id: config.clientId,
    scope: config.scopes.join(' '),
    redirect_uri: config.callbackUrl,
    state,
    response_type: 'code',
    prompt: 'consent',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url;
}
