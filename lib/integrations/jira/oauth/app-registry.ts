import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { jiraOauthApps } from '@/db/schema';
import { decryptSecret, DecryptionError, encryptSecret } from '@/lib/crypto';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { atlassianOAuthConfig, oauthConfigFor, type AtlassianOAuthConfig } from './config';

// Which Atlassian OAuth app serves an organization: its own ("bring your own", one row in
// jira_oauth_apps) or else the platform's. Grants and started consents remember the client id
// they were made with, so switching apps never sends an old refresh token to the wrong app.

export const clientSecretAad = (orgId: string) => `jira_oauth_app:${orgId}:client_secret`;

/**
 * The organization's app exists but its sealed client secret no longer decrypts (its key was removed
 * from PORTICO_ENCRYPTION_KEY). Falling back to the platform app would silently switch apps, so
 * callers must report it: an admin re-enters the client secret.
 */
export class AppSecretUnreadableError extends Error {
  constructor() {
    super('The OAuth app’s stored client secret can no longer be decrypted; re-enter it under OAuth app settings.');
    this.name = 'AppSecretUnreadableError';
  }
}

export function sealClientSecret(orgId: string, clientSecret: string): string {
  return encryptSecret(appKeyring(), clientSecret, clientSecretAad(orgId));
}

function openClientSecret(orgId: string, ciphertext: string): string {
  try {
    return decryptSecret(appKeyring(), ciphertext, clientSecretAad(orgId));
  } catch (error) {
    if (error instanceof DecryptionError) throw new AppSecretUnreadableError();
    throw error;
  }
}

async function organizationApp(orgId: string): Promise<AtlassianOAuthConfig | undefined> {
  const [row] = await getDb()
    .select({ clientId: jiraOauthApps.clientId, secret: jiraOauthApps.clientSecretCiphertext })
    .from(jiraOauthApps)
    .where(eq(jiraOauthApps.organizationId, orgId));
  if (!row) return undefined;
  return oauthConfigFor('organization', row.clientId, openClientSecret(orgId, row.secret));
}

/** The app new consents of this organization use; undefined when neither exists. */
export async function oauthConfigForOrg(orgId: string): Promise<AtlassianOAuthConfig | undefined> {
  return (await organizationApp(orgId)) ?? atlassianOAuthConfig();
}

/** The app for a new consent, or why none can start (no app, or its secret no longer decrypts). */
export async function oauthConfigForNewConsent(
  orgId: string,
): Promise<{ config: AtlassianOAuthConfig } | { problem: 'not_configured' | 'app_secret_unreadable' }> {
  try {
    const config = await oauthConfigForOrg(orgId);
    return config ? { config } : { problem: 'not_configured' };
  } catch (error) {
    if (error instanceof AppSecretUnreadableError) return { problem: 'app_secret_unreadable' };
    throw error;
  }
}

/**
 * The app a grant or consent was made with. Undefined when that app is no longer configured
 * (the organization switched apps): its tokens can only be replaced by a new consent.
 */
export async function oauthConfigForClient(orgId: string, clientId: string): Promise<AtlassianOAuthConfig | undefined> {
  const own = await organizationApp(orgId);
  if (own?.clientId === clientId) return own;
  const platform = atlassianOAuthConfig();
  return platform?.clientId === clientId ? platform : undefined;
}
