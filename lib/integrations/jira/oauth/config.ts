import 'server-only';
import type * as oauth from 'oauth4webapi';
import { env } from '@/lib/config/env';

export interface AtlassianOAuthConfig {
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

/** Undefined when no Atlassian OAuth app is configured (no client id). */
export function atlassianOAuthConfig(): AtlassianOAuthConfig | undefined {
  const { ATLASSIAN_CLIENT_ID, ATLASSIAN_CLIENT_SECRET, ATLASSIAN_AUTH_URL, ATLASSIAN_API_URL, ATLASSIAN_SCOPES } = env();
  if (!ATLASSIAN_CLIENT_ID || !ATLASSIAN_CLIENT_SECRET) return undefined;
  return {
    clientId: ATLASSIAN_CLIENT_ID,
    clientSecret: ATLASSIAN_CLIENT_SECRET,
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
