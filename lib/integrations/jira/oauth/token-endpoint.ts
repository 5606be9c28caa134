import 'server-only';
import * as oauth from 'oauth4webapi';
import type { AtlassianOAuthConfig } from './config';

export interface AtlassianTokenSet {
  accessToken: string;
  refreshToken: string | undefined;
  expiresAt: Date;
  scopes: string[];
}

/**
 * Why a token request failed, in the terms an admin can act on. Atlassian answers a wrong
 * client secret with 401 `access_denied` (or `unauthorized_client`) and a bad, reused or
 * expired code or refresh token with 403 `invalid_grant`.
 */
export type TokenFailureKind = 'invalid_client' | 'invalid_grant' | 'rate_limited' | 'unavailable' | 'unexpected';

export class TokenEndpointError extends Error {
  constructor(
    readonly kind: TokenFailureKind,
    readonly status: number | undefined,
    readonly oauthError: string | undefined,
  ) {
    // Never the response body or a token: only the classification.
    super(`Atlassian token endpoint: ${kind}${status ? ` (HTTP ${status}${oauthError ? `, ${oauthError}` : ''})` : ''}`);
    this.name = 'TokenEndpointError';
  }
}

const TIMEOUT_MS = 15_000;

function requestOptions(config: AtlassianOAuthConfig): oauth.TokenEndpointRequestOptions {
  return {
    signal: AbortSignal.timeout(TIMEOUT_MS),
    [oauth.allowInsecureRequests]: config.authUrl.startsWith('http://'),
    // Atlassian documents a JSON body for /oauth/token; oauth4webapi builds the standard form
    // body, which we re-encode unchanged as JSON.
    [oauth.customFetch]: (url, options) => {
      const body = options.body;
      if (!(body instanceof URLSearchParams)) return fetch(url, options);
      const headers = new Headers(options.headers);
      headers.set('content-type', 'application/json');
      return fetch(url, { ...options, headers, body: JSON.stringify(Object.fromEntries(body)) });
    },
  };
}

function classify(error: unknown): TokenEndpointError {
  if (error instanceof TokenEndpointError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const { status, error: code } = error;
    if (status === 401 || code === 'access_denied' || code === 'unauthorized_client' || code === 'invalid_client') {
      return new TokenEndpointError(code === 'invalid_grant' ? 'invalid_grant' : 'invalid_client', status, code);
    }
    if (code === 'invalid_grant') return new TokenEndpointError('invalid_grant', status, code);
    if (status === 429) return new TokenEndpointError('rate_limited', status, code);
    if (status >= 500) return new TokenEndpointError('unavailable', status, code);
    return new TokenEndpointError('unexpected', status, code);
  }
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response) {
    const status = error.cause.status;
    if (status === 429) return new TokenEndpointError('rate_limited', status, undefined);
    if (status >= 500) return new TokenEndpointError('unavailable', status, undefined);
    return new TokenEndpointError('unexpected', status, undefined);
  }
  // Network failure, DNS, TLS or timeout: Atlassian is unreachable, nothing was decided.
  if (error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError')) {
    return new TokenEndpointError('unavailable', undefined, undefined);
  }
  return new TokenEndpointError('unexpected', undefined, undefined);
}

function toTokenSet(response: oauth.TokenEndpointResponse, requestedScopes: string[]): AtlassianTokenSet {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: new Date(Date.now() + (response.expires_in ?? 3600) * 1000),
    // Atlassian returns what was actually granted, which may be less than requested.
    scopes: typeof response.scope === 'string' ? response.scope.split(/\s+/).filter(Boolean) : requestedScopes,
  };
}

const clientOf = (config: AtlassianOAuthConfig): oauth.Client => ({ client_id: config.clientId });

/**
 * Checks the callback's parameters with oauth4webapi (state match, error responses). Throws
 * oauth.AuthorizationResponseError for `error=…` callbacks.
 */
export function validateCallbackParameters(config: AtlassianOAuthConfig, parameters: URLSearchParams, expectedState: string) {
  return oauth.validateAuthResponse(config.authorizationServer, clientOf(config), parameters, expectedState);
}

export async function exchangeAuthorizationCode(
  config: AtlassianOAuthConfig,
  callbackParameters: URLSearchParams,
  codeVerifier: string,
): Promise<AtlassianTokenSet> {
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      config.authorizationServer,
      clientOf(config),
      oauth.ClientSecretPost(config.clientSecret),
      callbackParameters,
      config.callbackUrl,
      codeVerifier,
      requestOptions(config),
    );
    return toTokenSet(await oauth.processAuthorizationCodeResponse(config.authorizationServer, clientOf(config), response), config.scopes);
  } catch (error) {
    throw classify(error);
  }
}

export async function refreshAccessToken(config: AtlassianOAuthConfig, refreshToken: string): Promise<AtlassianTokenSet> {
  try {
    const response = await oauth.refreshTokenGrantRequest(
      config.authorizationServer,
      clientOf(config),
      oauth.ClientSecretPost(config.clientSecret),
      refreshToken,
      requestOptions(config),
    );
    return toTokenSet(await oauth.processRefreshTokenResponse(config.authorizationServer, clientOf(config), response), config.scopes);
  } catch (error) {
    throw classify(error);
  }
}
