import 'server-only';
import { and, desc, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { countConsentingAccounts } from '@/lib/integrations/jira/oauth/setup-checklist';
import { getDb } from '../client';
import { jiraConnections, jiraGrants, jiraOauthApps, jiraOauthStates } from '../schema';

// An organization's own Atlassian OAuth app. The sealed secret is written here but never read
// back: only app-registry.ts opens it, and the UI gets a summary.

export interface OAuthAppSummary {
  clientId: string;
  source: 'organization';
  hasSecret: boolean;
  lastVerificationResult: string | null;
  lastVerifiedAt: Date | null;
  confirmedSteps: Record<string, string>;
  updatedAt: Date;
}

export async function getOAuthAppSummary(orgId: string): Promise<OAuthAppSummary | undefined> {
  const [row] = await getDb()
    .select({
      clientId: jiraOauthApps.clientId,
      hasSecret: sql<boolean>`${jiraOauthApps.clientSecretCiphertext} <> ''`,
      lastVerificationResult: jiraOauthApps.lastVerificationResult,
      lastVerifiedAt: jiraOauthApps.lastVerifiedAt,
      confirmedSteps: jiraOauthApps.confirmedSteps,
      updatedAt: jiraOauthApps.updatedAt,
    })
    .from(jiraOauthApps)
    .where(eq(jiraOauthApps.organizationId, orgId));
  return row ? { ...row, source: 'organization' } : undefined;
}

/**
 * Saves the app. A new secret or another client id forgets the last verification (it was about
 * other credentials); another client id also forgets the confirmed steps (they were about
 * another app in the developer console).
 */
export async function saveOAuthAppRow(
  orgId: string,
  input: { clientId: string; secretCiphertext?: string; userId: string },
): Promise<'saved' | 'secret_required'> {
  return getDb().transaction(async (tx) => {
    const [existing] = await tx
      .select({ clientId: jiraOauthApps.clientId })
      .from(jiraOauthApps)
      .where(eq(jiraOauthApps.organizationId, orgId))
      .for('update');
    const sameApp = existing?.clientId === input.clientId;
    if (!input.secretCiphertext && !sameApp) return 'secret_required';
    const changed = Boolean(input.secretCiphertext) || !sameApp;
    const values = {
      clientId: input.clientId,
      updatedByUserId: input.userId,
      updatedAt: sql`now()`,
      ...(input.secretCiphertext ? { clientSecretCiphertext: input.secretCiphertext } : {}),
      ...(changed ? { lastVerificationResult: null, lastVerifiedAt: null } : {}),
      ...(sameApp ? {} : { confirmedSteps: {} }),
    };
    if (existing) await tx.update(jiraOauthApps).set(values).where(eq(jiraOauthApps.organizationId, orgId));
    else await tx.insert(jiraOauthApps).values({ ...values, organizationId: orgId, clientSecretCiphertext: input.secretCiphertext! });
    return 'saved';
  });
}

export async function deleteOAuthApp(orgId: string): Promise<boolean> {
  const removed = await getDb()
    .delete(jiraOauthApps)
    .where(eq(jiraOauthApps.organizationId, orgId))
    .returning({ clientId: jiraOauthApps.clientId });
  return removed.length > 0;
}

/** Stores a "Verify credentials" answer, unless the app was replaced while Atlassian was asked. */
export async function recordOAuthAppVerification(orgId: string, clientId: string, result: string): Promise<void> {
  await getDb()
    .update(jiraOauthApps)
    .set({ lastVerificationResult: result, lastVerifiedAt: sql`now()` })
    .where(and(eq(jiraOauthApps.organizationId, orgId), eq(jiraOauthApps.clientId, clientId)));
}

/** Adds or removes an admin's confirmation of a step Portico cannot see. False without an app. */
export async function setOAuthAppStepConfirmed(orgId: string, stepId: string, confirmed: boolean): Promise<boolean> {
  const confirmedSteps = confirmed
    ? sql`${jiraOauthApps.confirmedSteps} || jsonb_build_object(${stepId}::text, ${new Date().toISOString()}::text)`
    : sql`${jiraOauthApps.confirmedSteps} - ${stepId}::text`;
  const updated = await getDb()
    .update(jiraOauthApps)
    .set({ confirmedSteps })
    .where(eq(jiraOauthApps.organizationId, orgId))
    .returning({ clientId: jiraOauthApps.clientId });
  return updated.length > 0;
}

/** Connections (not disconnected) authorized with one OAuth app: its grants die with the app. */
export async function listConnectionsOnApp(orgId: string, clientId: string) {
  return getDb()
    .select({ id: jiraConnections.id, siteName: jiraConnections.siteName })
    .from(jiraConnections)
    .innerJoin(jiraGrants, eq(jiraGrants.id, jiraConnections.grantId))
    .where(
      and(
        eq(jiraConnections.organizationId, orgId),
        eq(jiraGrants.organizationId, orgId),
        eq(jiraGrants.clientId, clientId),
        ne(jiraConnections.status, 'disconnected'),
      ),
    )
    .orderBy(jiraConnections.siteName);
}

/** What Portico saw of consents through one app: facts for the setup checklist. */
export async function getConsentEvidence(orgId: string, clientId: string) {
  const db = getDb();
  const [states] = await db
    .select({
      returned: sql<number>`count(*) filter (where ${isNotNull(jiraOauthStates.consumedAt)})::int`,
      abandoned: sql<number>`count(*) filter (where ${and(isNull(jiraOauthStates.consumedAt), lt(jiraOauthStates.expiresAt, sql`now()`))})::int`,
    })
    .from(jiraOauthStates)
    .where(and(eq(jiraOauthStates.organizationId, orgId), eq(jiraOauthStates.clientId, clientId)));
  const grants = await db
    .select({ accountId: jiraGrants.atlassianAccountId, scopes: jiraGrants.scopes })
    .from(jiraGrants)
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.clientId, clientId)))
    .orderBy(desc(jiraGrants.updatedAt));
  return {
    returnedConsents: states?.returned ?? 0,
    abandonedConsents: states?.abandoned ?? 0,
    grantsThroughApp: grants.length,
    consentingAccounts: countConsentingAccounts(grants.map((grant) => grant.accountId)),
    latestGrantScopes: grants[0]?.scopes ?? null,
  };
}

/** Which OAuth app a grant belongs to (its client id is not a secret). */
export async function getGrantClientId(orgId: string, grantId: string): Promise<string | undefined> {
  const [row] = await getDb()
    .select({ clientId: jiraGrants.clientId })
    .from(jiraGrants)
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)));
  return row?.clientId;
}
