import 'server-only';
import { and, eq, isNull, max, ne, or } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraGrants, jiraOauthApps } from '../schema';

/**
 * What the organization's data says about one OAuth app's client credentials, without asking
 * Atlassian: the last token request Atlassian accepted with them (a grant's refresh or consent,
 * both authenticated with the client secret), and for the organization's own app when its
 * credentials were last saved and last verified. A grant whose latest token request was refused as
 * invalid_client proves nothing (a success clears lastRefreshError).
 */
export async function getCredentialsProof(orgId: string, clientId: string) {
  const db = getDb();
  const [[grants], [app]] = await Promise.all([
    db
      .select({ lastAcceptedAt: max(jiraGrants.lastRefreshedAt) })
      .from(jiraGrants)
      .where(
        and(
          eq(jiraGrants.organizationId, orgId),
          eq(jiraGrants.clientId, clientId),
          or(isNull(jiraGrants.lastRefreshError), ne(jiraGrants.lastRefreshError, 'invalid_client')),
        ),
      ),
    db
      .select({
        updatedAt: jiraOauthApps.updatedAt,
        lastVerificationResult: jiraOauthApps.lastVerificationResult,
        lastVerifiedAt: jiraOauthApps.lastVerifiedAt,
      })
      .from(jiraOauthApps)
      .where(and(eq(jiraOauthApps.organizationId, orgId), eq(jiraOauthApps.clientId, clientId))),
  ]);
  return {
    lastAcceptedAt: grants?.lastAcceptedAt ?? null,
    savedAt: app?.updatedAt ?? null,
    verifiedAt: app?.lastVerificationResult === 'accepted' ? app.lastVerifiedAt : null,
  };
}
