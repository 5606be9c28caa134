// Issue 15, items 4, 5, 6 and 8 (and 16's developer-console link): each test first reproduces what was seen.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E, SANDBOX_APP, SANDBOX_SITES } from './env';
import { alerts, captureScreens, expect as baseExpect, expectAccessible, test } from './fixtures';
import { answerConsent, connectionIdOf, connectSite, jiraCard, siteRow, startConnect, statusBadge, waitForAfterConnectDiagnostics } from './jira';
import { saveSecret } from './leak-capture';

const { main, labs } = SANDBOX_SITES;

// Each test walks several consents and diagnostics runs; on a shared 2-core machine one step can take tens of
// seconds. Generous limits, no fixed waits.
test.describe.configure({ timeout: 300_000 });
const expect = baseExpect.configure({ timeout: 60_000 });
const CALLBACK_URL = `${E2E.baseUrl}/api/integrations/jira/callback`;
const CONSOLE_URL = 'https://developer.atlassian.com/console/myapps/';

const checksHeading = (page: Page) => page.getByRole('heading', { level: 2 }).filter({ hasText: /checks? (passed|failed|needs? attention)/ });

async function runDiagnosticsAgain(page: Page, connectionId: string) {
  await page.goto(`/settings/integrations/jira/${connectionId}/troubleshooting`);
  const before = await page.getByText(/^Last run /).textContent();
  await page.getByRole('button', { name: /^Run diagnostics/ }).click();
  await expect(page.getByText(/^Last run /)).not.toHaveText(before ?? '');
}

test.describe('item 4: the site picker', () => {
  test('preselects the site just consented to, tags the connected one, and names a reconnect', async ({ orgAdmin: page }) => {
    await connectSite(page, main.host);

    // Seen: "Connect another site" preselected the first site although it was already connected.
    await startConnect(page, { site: labs.host });
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a Jira site' })).toBeVisible();
    await expect(page.getByRole('radio', { name: labs.name })).toBeChecked();
    await expect(page.getByRole('radio', { name: main.name })).not.toBeChecked();
    const mainRow = page.locator('label').filter({ has: page.getByRole('radio', { name: main.name }) });
    await expect(mainRow.getByText('Already connected')).toBeVisible();
    await expect(page.locator('label').filter({ has: page.getByRole('radio', { name: labs.name }) }).getByText('Already connected')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Connect this site' })).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, 'connection-states-picker');

    // Choosing the connected site says what it does instead of silently reconnecting.
    await page.getByRole('radio', { name: main.name }).check();
    await expect(page.getByRole('button', { name: `Reconnect ${main.name}` })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(`${main.name} is already connected: this replaces its authorization`);
    await captureScreens(page, 'connection-states-picker-reconnect');

    await page.getByRole('radio', { name: labs.name }).check();
    await page.getByRole('button', { name: 'Connect this site' }).click();
    await expect(page.getByRole('status')).toHaveText('Jira is connected.');
    await expect(page.getByRole('heading', { level: 1, name: `Jira · ${labs.name}` })).toBeVisible();
  });

  test.describe('resource-level grants', () => {
    test.use({ grantType: 'resource' });

    test('"Connect another site" for the connected site asks before reconnecting it', async ({ orgAdmin: page }) => {
      const mainId = await connectSite(page, main.host);

      // Seen: "Connect another site" → Connect silently reconnected the existing site.
      await startConnect(page, { site: main.host });
      await expect(page.getByRole('heading', { level: 1, name: 'Choose a Jira site' })).toBeVisible();
      await expect(page.getByText('covers only sites that are already connected')).toBeVisible();
      await expect(page.getByRole('radio', { name: main.name })).not.toBeChecked();
      await page.getByRole('radio', { name: main.name }).check();
      await page.getByRole('button', { name: `Reconnect ${main.name}` }).click();
      await expect(page).toHaveURL(new RegExp(`/settings/integrations/jira/${mainId}\\?jira=reconnected$`));
      await expect(page.getByRole('status')).toHaveText('Jira is reconnected. Your project filter and mappings were kept.');
    });
  });
});

test.describe('item 5: one state model', () => {
  test('Checking… while the after-connect run is on its way, then its result without a reload', async ({ orgAdmin: page, sandbox }) => {
    // The run's permission check answers 7 s late, so the run cannot finish before the page has rendered.
    await sandbox.addFault({ route: 'mypermissions', delayMs: 7_000 });
    await startConnect(page, { site: main.host });
    await expect(page.getByRole('status')).toHaveText('Jira is connected.');
    // Seen: "Health not checked yet" until a reload, although the run had finished.
    const header = page.getByRole('heading', { level: 1 }).locator('..');
    await expect(header.getByText('Checking…')).toBeVisible();
    await expect(page.getByText('Health not checked yet')).toHaveCount(0);
    await captureScreens(page, 'connection-states-checking');
    await expect(header.getByText(/^Health: /)).toBeVisible({ timeout: 60_000 });
    await expect(header.getByText('Checking…')).toHaveCount(0);
  });

  test('never "Connected" beside "Problems found"; a reconnect clears the old verdict; nothing on a disconnected site; stale is marked', async ({
    orgAdmin: page,
    sandbox,
    database,
    org,
  }) => {
    const connectionId = await connectSite(page, main.host);
    await expect(statusBadge(page, 'Connected')).toBeVisible();
    await expect(page.getByText('Health: Healthy')).toBeVisible();

    // Seen: "Connected" beside "Health: Problems found".
    await sandbox.setScenario('missing-scopes');
    await runDiagnosticsAgain(page, connectionId);
    await expect(checksHeading(page)).toHaveText(/^\d+ of \d+ checks failed/);
    await page.goto(`/settings/integrations/jira/${connectionId}`);
    await expect(page.getByText('Health: Problems found')).toBeVisible();
    await expect(statusBadge(page, 'Connected')).toHaveCount(0);
    await captureScreens(page, 'connection-states-problems');
    await page.goto('/settings/integrations');
    await expect(siteRow(page, main.name).getByText('Health: Problems found')).toBeVisible();
    await expect(siteRow(page, main.name).getByText('Connected', { exact: true })).toHaveCount(0);

    // Seen: after a reconnect, a red "Problems found" beside the green "Jira is reconnected" banner.
    await sandbox.setScenario('default');
    await page.goto(`/settings/integrations/jira/${connectionId}`);
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await answerConsent(page, { site: main.host });
    await expect(page.getByRole('status')).toHaveText('Jira is reconnected. Your project filter and mappings were kept.');
    await expect(page.getByText('Health: Problems found')).toHaveCount(0);
    await expect(page.getByText('Health: Healthy')).toBeVisible({ timeout: 60_000 });

    // Stale: a result from two days ago is marked, with its age.
    await database`update jira_connections set connected_at = now() - interval '3 days' where id = ${connectionId} and organization_id = ${org.id}`;
    await database`update jira_diagnostic_runs set started_at = now() - interval '2 days', finished_at = now() - interval '2 days' where connection_id = ${connectionId}`;
    await page.reload();
    await expect(page.getByText('Out of date')).toBeVisible();
    // Beyond a day the time reads as a date in the reader's zone (LocalTime), with UTC on hover.
    await expect(page.getByText(/last checked/)).toBeVisible();
    await captureScreens(page, 'connection-states-stale');
    await page.getByRole('link', { name: 'Troubleshooting' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'These results are out of date' })).toBeVisible();

    // Seen: a disconnected connection still showing "Problems found".
    await sandbox.setScenario('missing-scopes');
    await runDiagnosticsAgain(page, connectionId);
    await page.goto(`/settings/integrations/jira/${connectionId}`);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog', { name: `Disconnect ${main.name}?` }).getByRole('button', { name: 'Disconnect' }).click();
    await expect(page).toHaveURL(/\/settings\/integrations\?jira=disconnected$/);
    await expect(siteRow(page, main.name).getByText('Disconnected', { exact: true })).toBeVisible();
    await expect(siteRow(page, main.name).getByText(/Health|Problems found|Checking/)).toHaveCount(0);
    await expectAccessible(page);
    await captureScreens(page, 'connection-states-disconnected');
    await page.goto(`/settings/integrations/jira/${connectionId}`);
    // Within <main>: the header names the organization, which e2e names after the test's title.
    await expect(page.getByRole('main').getByText(/^Health: |Problems found/)).toHaveCount(0);
  });
});

test('item 6 and 16: the missing-scopes fix goes to whoever owns the app, with the developer console as a link', async ({
  orgAdmin: page,
  sandbox,
}) => {
  // Portico's shared app. Seen: the organization was told to open "the app Portico uses" in the developer console.
  const sharedId = await connectSite(page, main.host);
  await sandbox.setScenario('missing-scopes');
  await runDiagnosticsAgain(page, sharedId);
  const scopes = page.getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Permissions (scopes)' }) });
  await expect(scopes).toContainText('Ask the Portico operator to add read:jira-user, manage:jira-configuration to Portico’s app');
  await expect(scopes).not.toContainText('developer console');
  await expect(scopes).not.toContainText('the app Portico uses');
  await captureScreens(page, 'connection-states-scopes-shared-app', scopes);

  // The wording for an organization's own app (its admins, with the console linked) is in scopes.test.ts: the
  // sandbox's missing-scopes scenario narrows only Portico's shared app.
  await expectAccessible(page);

  // Seen: the setup checklist's developer-console step was plain text. It is a link now.
  await page.goto('/settings/integrations/jira/oauth-app');
  await expect(page.locator(`a[href="${CONSOLE_URL}"]`).first()).toBeVisible();
});

test('item 8: a wrong BYO secret is refused before it goes live; the verified credentials stay in use', async ({ orgAdmin: page, sandbox, database, org }) => {
  const app = {
    clientId: `e2e-gate-${randomBytes(4).toString('hex')}`,
    clientSecret: `gate-${randomBytes(18).toString('base64url')}`,
    name: 'Acme Gate App',
    callbackUrl: CALLBACK_URL,
    scopes: (await sandbox.apps()).find((known) => known.clientId === SANDBOX_APP.clientId)!.scopes,
  };
  const wrongSecret = `wrong-${randomBytes(18).toString('base64url')}`;
  await saveSecret('BYO client secret', app.clientSecret);
  await saveSecret('BYO client secret', wrongSecret);
  await sandbox.registerApp(app);
  await page.goto('/settings/integrations/jira/oauth-app');
  await page.getByLabel('Client ID', { exact: true }).fill(app.clientId);
  await page.getByLabel('Secret', { exact: true }).fill(app.clientSecret);
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByText('Saved: Atlassian accepted these credentials, and new connections use them.')).toBeVisible();
  await page.goto('/settings/integrations');
  await jiraCard(page).getByRole('button', { name: 'Connect', exact: true }).click();
  await answerConsent(page, { site: main.host });
  await expect(page.getByRole('status')).toHaveText('Jira is connected.');
  await waitForAfterConnectDiagnostics(page);
  const connectionId = await connectionIdOf(page);

  // Seen: saving a wrong secret made every site "Error" at the next refresh.
  await page.goto('/settings/integrations/jira/oauth-app');
  await page.getByLabel('Secret', { exact: true }).fill(wrongSecret);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(alerts(page).filter({ hasText: 'Atlassian rejected this client ID and secret, so Portico did not save them.' })).toContainText(
    'The credentials saved before stay in use.',
  );
  await expectAccessible(page);
  await captureScreens(page, 'connection-states-byo-refused');
  await page.getByRole('button', { name: 'Verify credentials' }).click();
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('Verified: Atlassian accepts this client ID and secret.');

  // The connection keeps refreshing with the verified secret: its access token is made due for a refresh.
  await database`update jira_grants set access_token_expires_at = now() - interval '1 minute' where organization_id = ${org.id}`;
  await page.goto(`/settings/integrations/jira/${connectionId}`);
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByText(/^Jira answered as /)).toBeVisible();
  await expect(statusBadge(page, 'Error')).toHaveCount(0);
});
