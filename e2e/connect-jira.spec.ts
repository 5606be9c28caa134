import { SANDBOX_SITES } from './env';
import { GRANT_TYPES } from './sandbox';
import { alerts, captureScreens, expect, expectAccessible, test } from './fixtures';
import { answerConsent, auditEntry, checkConnection, connectionIdOf, connectSite, jiraCard, siteRow, startConnect, statusBadge } from './jira';

const { main, labs } = SANDBOX_SITES;
const ATLASSIAN_USER = 'Mia Krystof';

// Under both of Atlassian's grant types (docs/decisions/012-grants-per-consent.md): the OAuth app's
// developer-console setting, which Portico cannot see and must work with either way.
for (const grantType of GRANT_TYPES) {
  test.describe(`${grantType}-level OAuth app`, () => {
    test.use({ grantType });

    test('an admin connects a single-site account: the connection page confirms it and the card shows Connected', async ({ orgAdmin: page, sandbox }) => {
      await sandbox.setScenario('single-site');
      await expect(jiraCard(page).getByText('Not connected')).toBeVisible();

      // One site: the consent screen preselects it and Portico connects it without asking.
      await startConnect(page);
      await expect(page.getByRole('status')).toHaveText('Jira is connected.');
      await connectionIdOf(page);
      await expect(page.getByRole('heading', { level: 1, name: `Jira · ${main.name}` })).toBeVisible();
      await expect(statusBadge(page, 'Connected')).toBeVisible();
      await expect(page.getByRole('definition').filter({ hasText: ATLASSIAN_USER })).toBeVisible();
      await expect(await checkConnection(page)).toHaveText(`Jira answered as ${ATLASSIAN_USER}.`);
      await expectAccessible(page);
      await captureScreens(page, 'jira-connection');

      await page.getByRole('link', { name: '← Integrations' }).click();
      await expect(siteRow(page, main.name).getByText('Connected', { exact: true })).toBeVisible();
      await expect(jiraCard(page).getByRole('button', { name: 'Connect another site' })).toBeVisible();
      const counters = await sandbox.counters();
      expect(counters.tokenGrants.authorization_code).toBe(1);
    });

    test('an admin connects two sites of one Atlassian account through the site picker; both share one authorization', async ({
      orgAdmin: page,
      sandbox,
      grantType,
    }) => {
      // A resource-level consent reaches only the site it picked: no picker, no shared authorization
      // (grants-two-sites.spec.ts walks that flow).
      test.skip(grantType === 'resource', 'account-level only: a resource-level consent never lists two sites');
      // The user consented to the labs site earlier, so accessible-resources lists both sites.
      await sandbox.presetConsent([labs.cloudId]);
      await startConnect(page, { site: main.host });

      await expect(page).toHaveURL(/\/settings\/integrations\/jira\/select-site\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Choose a Jira site' })).toBeVisible();
      await expect(page.getByRole('radio')).toHaveCount(2);
      await expect(page.getByRole('radio', { name: main.name })).toBeVisible();
      await expect(page.getByRole('radio', { name: labs.name })).toBeVisible();
      // The sites' avatars live on Atlassian's CDN, which this machine cannot reach: initials, not broken images.
      await expect(page.getByTestId('avatar-initials')).toHaveCount(2);
      await expectAccessible(page);
      await captureScreens(page, 'jira-select-site');
      await page.getByRole('radio', { name: main.name }).check();
      await page.getByRole('button', { name: 'Connect this site' }).click();
      await expect(page.getByRole('status')).toHaveText('Jira is connected.');
      const mainId = await connectionIdOf(page);
      await expect(page.getByRole('heading', { level: 1, name: `Jira · ${main.name}` })).toBeVisible();

      await startConnect(page, { site: labs.host });
      await expect(page.getByRole('heading', { level: 1, name: 'Choose a Jira site' })).toBeVisible();
      await page.getByRole('radio', { name: labs.name }).check();
      await page.getByRole('button', { name: 'Connect this site' }).click();
      await expect(page.getByRole('status')).toHaveText('Jira is connected.');
      const labsId = await connectionIdOf(page);
      expect(labsId).not.toBe(mainId);
      await expect(page.getByRole('heading', { level: 1, name: `Jira · ${labs.name}` })).toBeVisible();
      await expect(page.getByRole('term').filter({ hasText: 'Shares authorization with' })).toBeVisible();
      await expect(page.getByRole('definition').filter({ hasText: new RegExp(`^${main.name}$`) })).toBeVisible();
      await expect(await checkConnection(page)).toHaveText(`Jira answered as ${ATLASSIAN_USER}.`);

      // The second consent's grant reaches both sites, so the first site moved onto it and works with it too.
      await page.goto(`/settings/integrations/jira/${mainId}`);
      await expect(page.getByRole('definition').filter({ hasText: new RegExp(`^${labs.name}$`) })).toBeVisible();
      await expect(await checkConnection(page)).toHaveText(`Jira answered as ${ATLASSIAN_USER}.`);

      await page.goto('/settings/integrations');
      await expect(siteRow(page, main.name).getByText('Connected', { exact: true })).toBeVisible();
      await expect(siteRow(page, labs.name).getByText('Connected', { exact: true })).toBeVisible();
      await expectAccessible(page);
      await captureScreens(page, 'integrations-jira-connected');
    });

    test('cancelling at Atlassian’s consent screen changes nothing and says so', async ({ orgAdmin: page, sandbox }) => {
      await startConnect(page, { decision: 'Cancel' });
      await expect(page).toHaveURL(/\/settings\/integrations\?jira=cancelled$/);
      await expect(page.getByRole('status')).toHaveText('You cancelled the authorization at Atlassian. Nothing was changed.');
      await expect(jiraCard(page).getByText('Not connected')).toBeVisible();
      await expect(jiraCard(page).getByRole('button', { name: 'Connect', exact: true })).toBeVisible();
      expect((await sandbox.counters()).tokenGrants.authorization_code).toBe(0);
    });

    test('a revoked authorization turns the connection to Needs reconnect; Reconnect restores it', async ({
      orgAdmin: page,
      sandbox,
      leakCapture,
    }) => {
      const connectionId = await connectSite(page, main.host);

      // The user revoked Portico at Atlassian: the next Jira call gets 401, the refresh invalid_grant.
      await sandbox.setScenario('revoked');
      await expect(await checkConnection(page)).toHaveText(
        'Atlassian no longer accepts this authorization (expired, revoked or replaced). Reconnect to restore it.',
      );
      // The check revalidates the page: the new status shows without a reload.
      await expect(statusBadge(page, 'Needs reconnect')).toBeVisible();
      await expect(alerts(page)).toHaveText(/^Atlassian refused the stored authorization: .* Reconnect to restore it\.$/);
      // Issue 15 item 10: the failure line names its reason (it read "<date> ()"), and a reconnect makes it history.
      const refreshFailure = page.locator('dt:text-is("Last refresh failure") + dd');
      await expect(refreshFailure).toContainText(': Atlassian refused the refresh token (expired, revoked or replaced)');
      await expect(refreshFailure).not.toContainText('()');
      await expect(auditEntry(page, 'Portico could not refresh the access token')).toContainText('Atlassian refused the stored authorization');
      await page.goto('/settings/integrations');
      await expect(siteRow(page, main.name).getByText('Needs reconnect', { exact: true })).toBeVisible();

      // The probe route agrees, and a dead grant costs no further request to Atlassian.
      await sandbox.resetCounters();
      const probe = await page.request.get(`/api/integrations/jira/connections/${connectionId}/check`);
      await leakCapture.recordApi(probe);
      expect(await probe.json()).toMatchObject({ ok: false, reason: 'needs_reconnect' });
      expect((await sandbox.counters()).requests).toEqual({});

      await sandbox.setScenario('default');
      await page.goto(`/settings/integrations/jira/${connectionId}`);
      await page.getByRole('button', { name: 'Reconnect' }).click();
      await answerConsent(page, { site: main.host });
      await expect(page).toHaveURL(new RegExp(`/settings/integrations/jira/${connectionId}\\?jira=reconnected$`));
      await expect(page.getByRole('status')).toHaveText('Jira is reconnected. Your project filter and mappings were kept.');
      await expect(statusBadge(page, 'Connected')).toBeVisible();
      await expect(alerts(page)).toHaveCount(0);
      await expect(auditEntry(page, /^Erin Admin reconnected /)).toBeVisible();
      await expect(page.locator('dt:text-is("Last refresh failure")')).toHaveCount(0);
      await expect(await checkConnection(page)).toHaveText(`Jira answered as ${ATLASSIAN_USER}.`);
    });

    test('disconnect deletes the tokens but keeps the project filter and mappings; reconnect restores a working connection', async ({
      orgAdmin: page,
      org,
      database,
    }) => {
      const connectionId = await connectSite(page, main.host);
      // Configuration the mapping pages will write; set directly so this test does not depend on them.
      await database`update jira_connections set project_filter = ${database.json(['PLAT', 'MOB'])},
        status_mapping = ${database.json({ '10000': 'todo' })} where id = ${connectionId} and organization_id = ${org.id}`;

      await page.getByRole('button', { name: 'Disconnect' }).click();
      const dialog = page.getByRole('dialog', { name: `Disconnect ${main.name}?` });
      await expect(dialog).toContainText('Your project filter and mappings are kept for a later reconnect unless you choose otherwise.');
      await expect(dialog.getByRole('checkbox', { name: 'Also delete this site’s project filter and mappings' })).not.toBeChecked();
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await expect(page).toHaveURL(/\/settings\/integrations\?jira=disconnected$/);
      await expect(page.getByRole('status')).toHaveText('Jira is disconnected. Portico deleted its tokens for that site.');
      await expect(siteRow(page, main.name).getByText('Disconnected', { exact: true })).toBeVisible();

      const [row] = await database`select status, grant_id, project_filter, status_mapping from jira_connections where id = ${connectionId}`;
      expect(row).toMatchObject({ status: 'disconnected', grant_id: null, project_filter: ['PLAT', 'MOB'], status_mapping: { '10000': 'todo' } });
      const grants = await database`select id from jira_grants where organization_id = ${org.id}`;
      expect(grants).toHaveLength(0);

      await siteRow(page, main.name).getByRole('link', { name: main.name }).click();
      await expect(statusBadge(page, 'Disconnected')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Check connection' })).toHaveCount(0);
      await expect(auditEntry(page, /^Erin Admin disconnected .* and kept its project filter and mappings/)).toBeVisible();
      await page.getByRole('button', { name: 'Reconnect' }).click();
      await answerConsent(page, { site: main.host });
      await expect(page.getByRole('status')).toHaveText('Jira is reconnected. Your project filter and mappings were kept.');
      expect(await connectionIdOf(page)).toBe(connectionId);
      await expect(await checkConnection(page)).toHaveText(`Jira answered as ${ATLASSIAN_USER}.`);
      const [kept] = await database`select project_filter, status_mapping from jira_connections where id = ${connectionId}`;
      expect(kept).toEqual({ project_filter: ['PLAT', 'MOB'], status_mapping: { '10000': 'todo' } });

      // Asked for: the configuration goes too, and the audit log says so.
      await page.getByRole('button', { name: 'Disconnect' }).click();
      await dialog.getByRole('checkbox', { name: 'Also delete this site’s project filter and mappings' }).check();
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await expect(page).toHaveURL(/\/settings\/integrations\?jira=disconnected$/);
      await expect(page.getByRole('status')).toHaveText('Jira is disconnected. Portico deleted its tokens for that site.');
      const [cleared] = await database`select project_filter, status_mapping from jira_connections where id = ${connectionId}`;
      expect(cleared).toEqual({ project_filter: [], status_mapping: {} });
      await page.goto(`/settings/integrations/jira/${connectionId}`);
      await expect(auditEntry(page, /disconnected .* and deleted its project filter and mappings/)).toBeVisible();
    });

    test('a member sees connections but cannot connect, reconnect or disconnect', async ({ orgAdmin: admin, orgMember: page, request, leakCapture }) => {
      const connectionId = await connectSite(admin, main.host);

      await page.goto('/settings/integrations');
      await expect(siteRow(page, main.name).getByText('Connected', { exact: true })).toBeVisible();
      await expect(jiraCard(page).getByText('Only admins can change Jira connections.')).toBeVisible();
      await expect(jiraCard(page).getByRole('button')).toHaveCount(0);

      await siteRow(page, main.name).getByRole('link', { name: main.name }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Jira · ${main.name}` })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
      await expect(page.getByText(/Callback URL/)).toHaveCount(0);
      // Checking reads only: members may.
      await expect(await checkConnection(page)).toHaveText(`Jira answered as ${ATLASSIAN_USER}.`);
      await expectAccessible(page);

      for (const form of [{}, { connectionId }] as Record<string, string>[]) {
        // With the Origin a browser's form POST carries: the role check, not the cross-site check, refuses it.
        const response = await page.request.post('/api/integrations/jira/authorize', {
          form,
          maxRedirects: 0,
          headers: { origin: new URL(page.url()).origin },
        });
        await leakCapture.recordApi(response, 'POST');
        expect(response.status()).toBe(403);
        expect(await response.json()).toMatchObject({ error: 'forbidden' });
      }
      const check = await page.request.get(`/api/integrations/jira/connections/${connectionId}/check`);
      await leakCapture.recordApi(check);
      // Right after the page's check, the probe gets that answer back (throttled), with its age.
      expect(await check.json()).toMatchObject({ ok: true, accountName: ATLASSIAN_USER });

      await page.goto(`/settings/integrations/jira/select-site/${connectionId}`);
      await expect(page).toHaveURL(/\/settings\/integrations\?jira=admin_only$/);
      await expect(alerts(page)).toHaveText('Only organization admins can connect Jira. Nothing was changed.');

      // Signed out: the probe route answers 401, not data.
      const signedOut = await request.get(`/api/integrations/jira/connections/${connectionId}/check`);
      await leakCapture.recordApi(signedOut);
      expect(signedOut.status()).toBe(401);
    });
  });
}
