import 'server-only';
import type * as oauth from 'oauth4webapi';
import { env } from '@/lib/config/env';

export interface AtlassianOAuthConfig {
  /** platform: the app from the environment; organization: the org's own (app-registry.ts). */
  source: 'platform' | 'organization';
  clientId: string;
  clientSecret: string;
  authUrl: string;
  apiUrl: string;
  scopes: string[];
  callbackUrl: string;
  authorizationServer: oauth.AuthorizationServer;
}

export const CALLBACK_PATH = '/api/integrations/jira/callback';

/** The exact callback URL to register in the Atlassian developer console. */
export function callbackUrl(): string {
  return `${env().PORTICO_BASE_URL}${CALLBACK_PATH}`;
}

/**
 * The platform's Atlassian OAuth app (environment). Undefined when none is configured. An
 * organization may bring its own: use oauthConfigForOrg / oauthConfigForClient (app-registry.ts).
 */
export function atlassianOAuthConfig(): AtlassianOAuthConfig | undefined {
  const { ATLASSIAN_CLIENT_ID, ATLASSIAN_CLIENT_SECRET } = env();
  if (!ATLASSIAN_CLIENT_ID || !ATLASSIAN_CLIENT_SECRET) return undefined;
  return oauthConfigFor('platform', ATLASSIAN_CLIENT_ID, ATLASSIAN_CLIENT_SECRET);
}

/** The endpoints, scopes and callback every Atlassian app shares, with one app's credentials. */
export function oauthConfigFor(source: AtlassianOAuthConfig['source'], clientId: string, clientSecret: string): AtlassianOAuthConfig {
  const { ATLASSIAN_AUTH_URL, ATLASSIAN_API_URL, ATLASSIAN_SCOPES } = env();
  return {
    source,
    clientId,
    clientSecret,
    authUrl: ATLASSIAN_AUTH_URL,
    apiUrl: ATLASSIAN_API_URL,
    scopes: ATLASSIAN_SCOPES,
    callbackUrl: callbackUrl(),
    // Atlassian publishes no discovery document for 3LO; these are its documented endpoints.
    authorizationServer: {
      issuer: ATLASSIAN_AUTH_URL,
      authorization_endpoint: `${ATLASSIAN_AUTH_URL}/authorize`,
      token_endpoint: `${ATLASSIAN_AUTH_URL}/oauth/token`,
    },
  };
}
