import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiraGrants, jiraOauthApps } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { getConsentEvidence } from '@/db/queries/jira-oauth-apps';
import { createOrgMembers, expireState, MAIN_CLOUD_ID, SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';
import { checkConnection } from '../connect/check-connection';
import { handleCallback } from '../connect/handle-callback';
import { GrantUnusableError, getAccessToken } from '../token-store';
import { oauthConfigForNewConsent, sealClientSecret } from './app-registry';
import { describeGrantApp } from './grant-app';

const harness = setupJiraHarness();
const OWN_APP = { clientId: 'byo-app', clientSecret: 'byo-secret-0123456789', name: 'BYO Jira', callbackUrl: SANDBOX_APP.callbackUrl, scopes: SANDBOX_APP.scopes };

async function useOwnApp(orgId: string, app: { clientId: string; clientSecret: string }) {
  await harness
    .db()
    .insert(jiraOauthApps)
    .values({ organizationId: orgId, clientId: app.clientId, clientSecretCiphertext: sealClientSecret(orgId, app.clientSecret) })
    .onConflictDoUpdate({ target: jiraOauthApps.organizationId, set: { clientId: app.clientId, clientSecretCiphertext: sealClientSecret(orgId, app.clientSecret) } });
}

async function connect(admin: CurrentMember, reconnectConnectionId?: string) {
  const consent = await harness.startConsent(admin, reconnectConnectionId);
  const result = await handleCallback(admin, await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID), consent.browserBinding);
  if (result.kind !== 'done' || !result.connectionId) throw new Error(`connect failed: ${JSON.stringify(result)}`);
  const [grant] = await harness.db().select({ id: jiraGrants.id, clientId: jiraGrants.clientId }).from(jiraGrants).where(eq(jiraGrants.organizationId, admin.orgId));
  return { connectionId: result.connectionId, grant: grant! };
}

const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: unknown) => (error instanceof GrantUnusableError ? error.reason : String(error)));

describe('an organization’s own OAuth app', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
    await harness.control('apps', OWN_APP);
  });

  it('connects through the organization’s app and refreshes with its secret; another organization stays on Portico’s app', async () => {
    const [own] = (await createOrgMembers(harness.db(), 'Byo', ['admin'])) as [CurrentMember];
    const [platform] = (await createOrgMembers(harness.db(), 'Plain', ['admin'])) as [CurrentMember];
    await useOwnApp(own.orgId, OWN_APP);

    const ownConnection = await connect(own);
    const platformConnection = await connect(platform);
    expect(ownConnection.grant.clientId).toBe(OWN_APP.clientId);
    expect(platformConnection.grant.clientId).toBe(SANDBOX_APP.clientId);

    await harness.resetCounters();
    await getAccessToken(own.orgId, ownConnection.grant.id, { forceRefresh: true });
    const counters = await harness.counters();
    expect(counters.tokenGrants.refresh_token).toBe(1);
    // The sandbox issued the refreshed token to the organization's app: it authenticated with that app's secret.
    const { accessTokens } = await harness.tokens();
    expect(accessTokens.at(-1)).toMatchObject({ clientId: OWN_APP.clientId });
    await expect(checkConnection(own.orgId, ownConnection.connectionId)).resolves.toMatchObject({ ok: true });
    await expect(checkConnection(platform.orgId, platformConnection.connectionId)).resolves.toMatchObject({ ok: true });
    await expect(describeGrantApp(own.orgId, ownConnection.grant.id)).resolves.toBe('organization');
    await expect(describeGrantApp(platform.orgId, platformConnection.grant.id)).resolves.toBe('platform');
    // Isolation: one organization's grant is nothing to another.
    await expect(describeGrantApp(platform.orgId, ownConnection.grant.id)).resolves.toBeUndefined();
  });

  it('a grant of an app the organization replaced says so and asks for a reconnect; it is not marked dead', async () => {
    const [admin] = (await createOrgMembers(harness.db(), 'Switched', ['admin'])) as [CurrentMember];
    await useOwnApp(admin.orgId, OWN_APP);
    const { connectionId, grant } = await connect(admin);

    await harness.control('apps', { ...OWN_APP, clientId: 'byo-app-2', clientSecret: 'byo-secret-2' });
    await useOwnApp(admin.orgId, { clientId: 'byo-app-2', clientSecret: 'byo-secret-2' });
    await expect(reasonOf(getAccessToken(admin.orgId, grant.id, { forceRefresh: true }))).resolves.toBe('app_changed');
    await expect(describeGrantApp(admin.orgId, grant.id)).resolves.toBe('previous');
    // The old access token lives on until it expires; then the connection check needs a refresh.
    await harness.db().update(jiraGrants).set({ accessTokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(jiraGrants.id, grant.id));
    await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({
      ok: false,
      reason: 'app_changed',
      message: expect.stringMatching(/no longer uses \(it switched apps\)\. Reconnect to restore it\./),
    });
    const [row] = await harness.db().select({ status: jiraGrants.status }).from(jiraGrants).where(eq(jiraGrants.id, grant.id));
    expect(row).toEqual({ status: 'active' });

    // The reconnect moves the site to the current app.
    const again = await connect(admin, connectionId);
    expect(again.connectionId).toBe(connectionId);
    await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({ ok: true });
  });

  it('a client secret sealed under a removed key: app_secret_unreadable for refreshes, checks and new consents, never a crash', async () => {
    const [admin] = (await createOrgMembers(harness.db(), 'Unreadable secret', ['admin'])) as [CurrentMember];
    await useOwnApp(admin.orgId, OWN_APP);
    const { connectionId, grant } = await connect(admin);
    const [app] = await harness.db().select().from(jiraOauthApps).where(eq(jiraOauthApps.organizationId, admin.orgId));
    await harness
      .db()
      .update(jiraOauthApps)
      .set({ clientSecretCiphertext: app!.clientSecretCiphertext.replace(/^v1\.[^.]+\./, 'v1.removed.') })
      .where(eq(jiraOauthApps.organizationId, admin.orgId));
    await harness.db().update(jiraGrants).set({ accessTokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(jiraGrants.id, grant.id));

    await expect(reasonOf(getAccessToken(admin.orgId, grant.id))).resolves.toBe('app_secret_unreadable');
    await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({
      ok: false,
      reason: 'app_secret_unreadable',
      message: expect.stringMatching(/can no longer read your organization’s OAuth app client secret.* Reconnecting will not help/),
    });
    await expect(oauthConfigForNewConsent(admin.orgId)).resolves.toEqual({ problem: 'app_secret_unreadable' });
    // Saving the secret again (sealed under the current key) heals it.
    await useOwnApp(admin.orgId, OWN_APP);
    await expect(reasonOf(getAccessToken(admin.orgId, grant.id))).resolves.toBe('ok');
  });

  it('gathers the checklist’s evidence: consents that came back, consents that never did, accounts and scopes', async () => {
    const [admin] = (await createOrgMembers(harness.db(), 'Evidence', ['admin'])) as [CurrentMember];
    await useOwnApp(admin.orgId, OWN_APP);
    await expect(getConsentEvidence(admin.orgId, OWN_APP.clientId)).resolves.toEqual({ returnedConsents: 0, abandonedConsents: 0, grantsThroughApp: 0, consentingAccounts: 0, latestGrantScopes: null });

    // Started, then lost at Atlassian (a callback mismatch looks like this from Portico).
    const lost = await harness.startConsent(admin);
    await expireState(harness.db(), lost.state);
    await expect(getConsentEvidence(admin.orgId, OWN_APP.clientId)).resolves.toMatchObject({ returnedConsents: 0, abandonedConsents: 1 });

    await connect(admin);
    const evidence = await getConsentEvidence(admin.orgId, OWN_APP.clientId);
    expect(evidence).toMatchObject({ returnedConsents: 1, abandonedConsents: 1, grantsThroughApp: 1, consentingAccounts: 1 });
    expect(evidence.latestGrantScopes).toEqual(expect.arrayContaining(['read:jira-work', 'offline_access']));
    // Another organization's evidence for the same client id is separate.
    const [other] = (await createOrgMembers(harness.db(), 'Elsewhere', ['admin'])) as [CurrentMember];
    await expect(getConsentEvidence(other.orgId, OWN_APP.clientId)).resolves.toMatchObject({ returnedConsents: 0, consentingAccounts: 0 });
  });
});
