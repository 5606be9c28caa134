import { randomBytes } from 'node:crypto';
import { E2E, SANDBOX_APP, SANDBOX_SITES } from './env';
import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { answerConsent, connectionIdOf, jiraCard } from './jira';
import { saveSecret } from './leak-capture';

const CALLBACK_URL = `${E2E.baseUrl}/api/integrations/jira/callback`;
const REQUESTED_SCOPES = 'read:jira-work read:jira-user manage:jira-configuration manage:jira-webhook offline_access';

const step = (page: import('@playwright/test').Page, title: string) =>
  page.getByRole('list', { name: 'Setup checklist' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });

test('an admin brings their own OAuth app: a wrong secret is refused before it goes live, the right one connects Jira', async ({
  orgAdmin: page,
  sandbox,
  context,
}) => {
  const app = {
    clientId: `e2e-byo-${randomBytes(4).toString('hex')}`,
    clientSecret: `byo-${randomBytes(18).toString('base64url')}`,
    name: 'Acme Issue Sync',
    callbackUrl: CALLBACK_URL,
    scopes: (await sandbox.apps()).find((known) => known.clientId === SANDBOX_APP.clientId)!.scopes,
  };
  const wrongSecret = `wrong-${randomBytes(18).toString('base64url')}`;
  // And nowhere else either: the final leak scan (zz-leak.spec.ts) looks for both.
  await saveSecret('BYO client secret', app.clientSecret);
  await saveSecret('BYO client secret', wrongSecret);
  // The secret must never come back from Portico, in any response.
  const leaks: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(E2E.baseUrl)) return;
    const body = await response.text().catch(() => '');
    if (body.includes(app.clientSecret) || body.includes(wrongSecret)) leaks.push(response.url());
  });
  await sandbox.registerApp(app);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await expect(jiraCard(page).getByText('OAuth app: Portico’s app')).toBeVisible();
  await jiraCard(page).getByRole('link', { name: 'Use your own' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jira OAuth app' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'App in use' })).toContainText('Portico’s app');

  // The checklist: exact callback URL and scopes, each with a copy button.
  await expect(step(page, 'Set the callback URL').getByText(CALLBACK_URL, { exact: true })).toBeVisible();
  await step(page, 'Set the callback URL').getByRole('button', { name: 'Copy callback URL' }).click();
  await expect(step(page, 'Set the callback URL').getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CALLBACK_URL);
  const scopes = step(page, 'Add the Jira API with these scopes');
  await expect(scopes.getByText(REQUESTED_SCOPES, { exact: true })).toBeVisible();
  await scopes.getByRole('button', { name: 'Copy all requested scopes' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(REQUESTED_SCOPES);
  for (const scope of REQUESTED_SCOPES.split(' ')) await expect(scopes.getByRole('button', { name: `Copy ${scope}`, exact: true })).toBeVisible();
  await expect(scopes.getByRole('button', { name: 'Copy all granular scopes' })).toBeVisible();
  await expect(step(page, 'Turn on sharing if others will connect')).toContainText('only the person who created the app can authorize it');
  await expect(step(page, 'Verify the credentials').getByText('Not confirmed yet')).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'jira-oauth-app-start');

  // A bad client id is caught next to the field; nothing is saved.
  await page.getByLabel('Client ID', { exact: true }).fill('has spaces');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByText(/A client ID has only letters/)).toBeVisible();
  await expect(page.getByLabel('Client ID', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // The wrong secret is verified before it could go live: Atlassian refuses it, so nothing is saved.
  await page.getByLabel('Client ID', { exact: true }).fill(app.clientId);
  await page.getByLabel('Secret', { exact: true }).fill(wrongSecret);
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Atlassian rejected this client ID and secret, so Portico did not save them.' })).toContainText(
    'New connections keep using Portico’s app until credentials are verified.',
  );
  await expect(page.getByText(/Copy the secret again from the Settings page/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'App in use' })).toContainText('Portico’s app');
  await expectAccessible(page);
  await captureScreens(page, 'jira-oauth-app-rejected');

  // The right secret: verified on save, in use at once.
  await page.getByLabel('Client ID', { exact: true }).fill(app.clientId);
  await page.getByLabel('Secret', { exact: true }).fill(app.clientSecret);
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByText('Saved: Atlassian accepted these credentials, and new connections use them.')).toBeVisible();
  await expect(page.getByLabel('Secret', { exact: true })).toHaveValue('');
  await expect(page.getByRole('region', { name: 'App in use' })).toContainText(app.clientId);
  await page.getByRole('button', { name: 'Verify credentials' }).click();
  const verdict = page.getByRole('status', { name: 'Verification result' });
  await expect(verdict).toContainText('Verified: Atlassian accepts this client ID and secret.');
  await expect(step(page, 'Verify the credentials').getByText('Confirmed by Portico')).toBeVisible();
  await expect(step(page, 'Create an OAuth 2.0 (3LO) integration').getByText('Confirmed by Portico')).toBeVisible();
  await step(page, 'Turn on sharing if others will connect').getByRole('button', { name: /Mark as done/ }).click();
  await expect(step(page, 'Turn on sharing if others will connect').getByText('Marked done by an admin')).toBeVisible();

  // Connect goes through Atlassian's consent for the organization's app and lands connected.
  await page.getByRole('link', { name: '← Integrations' }).click();
  await expect(jiraCard(page).getByText(/OAuth app: your own/)).toBeVisible();
  await captureScreens(page, 'integrations-jira-own-app');
  await jiraCard(page).getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${app.name} is requesting access to your Atlassian account`);
  await answerConsent(page, { site: SANDBOX_SITES.main.host });
  await expect(page.getByRole('status')).toHaveText('Jira is connected.');
  await connectionIdOf(page);
  await expect(page.getByRole('definition').filter({ hasText: 'Your organization’s own app.' })).toBeVisible();

  await page.getByRole('link', { name: 'OAuth app settings' }).click();
  await expect(step(page, 'Set the callback URL').getByText('Confirmed by Portico')).toBeVisible();
  await expect(step(page, 'Add the Jira API with these scopes').getByText('Confirmed by Portico')).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'jira-oauth-app-verified');

  expect((await sandbox.counters()).tokenGrants.authorization_code).toBe(1);
  expect(await page.content()).not.toContain(app.clientSecret);
  expect(leaks).toEqual([]);
});

test('a member sees which app is in use but cannot change it', async ({ orgMember: page }) => {
  await page.goto('/settings/integrations/jira/oauth-app');
  await expect(page.getByRole('heading', { level: 1, name: 'Jira OAuth app' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'App in use' })).toContainText('Only admins can change the OAuth app.');
  await expect(page.getByLabel('Client ID', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Secret', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Verify credentials' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Mark as done/ })).toHaveCount(0);
  await expectAccessible(page);
});
