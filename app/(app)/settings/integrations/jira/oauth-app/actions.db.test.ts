import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jiraOauthApps } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { oauthConfigForOrg } from '@/lib/integrations/jira/oauth/app-registry';
import { createOrgMembers, MAIN_CLOUD_ID, SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { confirmSetupStep, removeOAuthApp, saveOAuthApp, verifyOAuthAppCredentials } = await import('./actions');
const { handleCallback } = await import('@/lib/integrations/jira/connect/handle-callback');
const harness = setupJiraHarness();

const OWN_APP = { clientId: 'acme-own-app', clientSecret: 'acme-own-secret-0123456789', name: 'Acme Jira', callbackUrl: SANDBOX_APP.callbackUrl, scopes: SANDBOX_APP.scopes };
const ANOTHER_APP = { ...OWN_APP, clientId: 'another-app', clientSecret: 'another-secret', name: 'Another Jira app' };

describe('OAuth app server actions', () => {
  let acmeAdmin: CurrentMember;
  let acmeMember: CurrentMember;
  let globexAdmin: CurrentMember;
  const rowOf = async (orgId: string) => (await harness.db().select().from(jiraOauthApps).where(eq(jiraOauthApps.organizationId, orgId)))[0];

  beforeAll(async () => {
    [acmeAdmin, acmeMember] = (await createOrgMembers(harness.db(), 'Acme')) as [CurrentMember, CurrentMember];
    [globexAdmin] = (await createOrgMembers(harness.db(), 'Globex', ['admin'])) as [CurrentMember];
  });
  beforeEach(async () => {
    session.member = undefined;
    await harness.resetSandbox();
    await harness.control('apps', OWN_APP);
    await harness.control('apps', ANOTHER_APP);
    await harness.db().delete(jiraOauthApps);
  });

  it('refuses signed-out callers and members; nothing is stored', async () => {
    await expect(saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret })).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/sign in/i) });
    session.member = acmeMember;
    await expect(saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret })).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/only organization admins/i) });
    await expect(removeOAuthApp({})).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/only organization admins/i) });
    await expect(verifyOAuthAppCredentials({})).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/only organization admins/i) });
    await expect(confirmSetupStep({ stepId: 'sharing', confirmed: true })).resolves.toMatchObject({ ok: false });
    expect(await rowOf(acmeAdmin.orgId)).toBeUndefined();
  });

  it('stores the secret sealed, never returns it, and only for the caller’s organization', async () => {
    session.member = acmeAdmin;
    const result = await saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret });
    expect(result).toMatchObject({ ok: true });
    expect(JSON.stringify(result)).not.toContain(OWN_APP.clientSecret);
    const row = await rowOf(acmeAdmin.orgId);
    // Verified before it went live: the save itself asked Atlassian.
    expect(row).toMatchObject({ clientId: OWN_APP.clientId, updatedByUserId: acmeAdmin.userId, lastVerificationResult: 'accepted' });
    expect(JSON.stringify(row)).not.toContain(OWN_APP.clientSecret);
    expect(row!.clientSecretCiphertext.length).toBeGreaterThan(OWN_APP.clientSecret.length);
    expect(await oauthConfigForOrg(acmeAdmin.orgId)).toMatchObject({ source: 'organization', clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret });
    // Another organization's admin changes nothing here, and Globex still uses Portico's app.
    expect(await rowOf(globexAdmin.orgId)).toBeUndefined();
    expect(await oauthConfigForOrg(globexAdmin.orgId)).toMatchObject({ source: 'platform', clientId: SANDBOX_APP.clientId });
    session.member = globexAdmin;
    await removeOAuthApp({});
    expect(await rowOf(acmeAdmin.orgId)).toMatchObject({ clientId: OWN_APP.clientId });
  });

  it('rejects bad input with field errors and leaves the stored app unchanged', async () => {
    session.member = acmeAdmin;
    await saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret });
    const before = await rowOf(acmeAdmin.orgId);
    await expect(saveOAuthApp({ clientId: '  ', clientSecret: 'has spaces in it' })).resolves.toMatchObject({
      ok: false,
      fieldErrors: { clientId: [expect.stringMatching(/client ID/)], clientSecret: [expect.stringMatching(/spaces or quotes/)] },
    });
    await expect(saveOAuthApp({ clientId: '"quoted"' })).resolves.toMatchObject({ ok: false, fieldErrors: { clientId: expect.any(Array) } });
    await expect(saveOAuthApp({ clientId: 42 } as never)).resolves.toMatchObject({ ok: false, fieldErrors: { clientId: expect.any(Array) } });
    // A different client id cannot keep the old app's secret.
    await expect(saveOAuthApp({ clientId: 'another-app', clientSecret: '' })).resolves.toMatchObject({ ok: false, fieldErrors: { clientSecret: [expect.stringMatching(/secret of that app/)] } });
    await expect(confirmSetupStep({ stepId: 'verify', confirmed: true } as never)).resolves.toMatchObject({ ok: false, fieldErrors: { stepId: expect.any(Array) } });
    expect(await rowOf(acmeAdmin.orgId)).toEqual(before);
  });

  it('asks for the secret on the first save', async () => {
    session.member = acmeAdmin;
    await expect(saveOAuthApp({ clientId: OWN_APP.clientId })).resolves.toMatchObject({ ok: false, fieldErrors: { clientSecret: [expect.stringMatching(/Enter the client secret/)] } });
    expect(await rowOf(acmeAdmin.orgId)).toBeUndefined();
  });

  // Seen: a wrong secret went live on save and every site turned "Error" at the next refresh.
  it('verifies before activating: a wrong secret is refused and never replaces working credentials; the right one goes live', async () => {
    session.member = acmeAdmin;
    await expect(saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: 'wrong-secret' })).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/rejected this client ID and secret, so Portico did not save them\. New connections keep using Portico’s app/),
      fieldErrors: { clientSecret: [expect.stringMatching(/Copy the secret again/)] },
    });
    expect(await rowOf(acmeAdmin.orgId)).toBeUndefined();

    await expect(saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret })).resolves.toMatchObject({ ok: true, message: expect.stringMatching(/accepted/) });
    const verified = await rowOf(acmeAdmin.orgId);
    expect(verified).toMatchObject({ lastVerificationResult: 'accepted', lastVerifiedAt: expect.any(Date) });

    // A wrong secret for the app in use: refused, and the working secret stays in use.
    await expect(saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: 'wrong-secret' })).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/The credentials saved before stay in use/),
    });
    expect(await rowOf(acmeAdmin.orgId)).toEqual(verified);
    expect(await oauthConfigForOrg(acmeAdmin.orgId)).toMatchObject({ clientSecret: OWN_APP.clientSecret });
    await expect(verifyOAuthAppCredentials({})).resolves.toMatchObject({ ok: true, data: { result: 'accepted' } });

    // Only confirming the client id: the secret and the verification stay.
    await expect(saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: '' })).resolves.toMatchObject({ ok: true });
    expect(await rowOf(acmeAdmin.orgId)).toMatchObject({ clientSecretCiphertext: verified!.clientSecretCiphertext, lastVerificationResult: 'accepted' });
    expect((await harness.counters()).tokenGrants.authorization_code).toBe(0);
  });

  it('cannot verify before an app is saved', async () => {
    session.member = acmeAdmin;
    await expect(verifyOAuthAppCredentials({})).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/Save your app/) });
  });

  it('records and withdraws an admin’s confirmation of a console-only step; another client id forgets them', async () => {
    session.member = acmeAdmin;
    await expect(confirmSetupStep({ stepId: 'sharing', confirmed: true })).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/Save your app/) });
    await saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret });
    await confirmSetupStep({ stepId: 'sharing', confirmed: true });
    await confirmSetupStep({ stepId: 'callback_url', confirmed: true });
    await confirmSetupStep({ stepId: 'callback_url', confirmed: false });
    expect((await rowOf(acmeAdmin.orgId))!.confirmedSteps).toEqual({ sharing: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await saveOAuthApp({ clientId: 'another-app', clientSecret: 'another-secret' });
    expect((await rowOf(acmeAdmin.orgId))!.confirmedSteps).toEqual({});
  });

  it('warns before replacing or removing an app whose connections must be reconnected, then goes back to Portico’s app', async () => {
    const [admin] = (await createOrgMembers(harness.db(), 'Switcher', ['admin'])) as [CurrentMember];
    session.member = admin;
    await saveOAuthApp({ clientId: OWN_APP.clientId, clientSecret: OWN_APP.clientSecret });
    const consent = await harness.startConsent(admin);
    await expect(handleCallback(admin, await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID), consent.browserBinding)).resolves.toMatchObject({ outcome: 'connected' });

    await expect(saveOAuthApp({ clientId: 'another-app', clientSecret: 'another-secret' })).resolves.toMatchObject({
      ok: false,
      fieldErrors: { acknowledgeReconnect: [expect.stringMatching(/acme-sandbox/)] },
    });
    await expect(removeOAuthApp({})).resolves.toMatchObject({ ok: false, fieldErrors: { acknowledgeReconnect: [expect.stringMatching(/acme-sandbox/)] } });
    expect(await rowOf(admin.orgId)).toMatchObject({ clientId: OWN_APP.clientId });

    await expect(removeOAuthApp({ acknowledgeReconnect: true })).resolves.toMatchObject({ ok: true, message: expect.stringMatching(/Portico’s OAuth app/) });
    expect(await rowOf(admin.orgId)).toBeUndefined();
    expect(await oauthConfigForOrg(admin.orgId)).toMatchObject({ source: 'platform' });
  });
});
