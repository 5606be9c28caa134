// Two sites through a resource-level OAuth app (docs/decisions/012-grants-per-consent.md): each consent
// covers only the site picked on Atlassian's consent screen, so each site keeps its own authorization.
// Connecting the second site, then reconnecting the first, must leave both working, with no refresh spent.
import { SANDBOX_SITES } from './env';
import { alerts, captureScreens, expect, expectAccessible, test } from './fixtures';
import { answerConsent, auditEntry, checkConnection, connectionIdOf, connectSite, siteRow, statusBadge, waitForAfterConnectDiagnostics } from './jira';

const { main, labs } = SANDBOX_SITES;
const ANSWERED = 'Jira answered as Mia Krystof.';

test.use({ grantType: 'resource' });
// Three consents, two health checks and screenshots in light and dark: over a minute on a loaded 2-core machine.
test.setTimeout(180_000);

test('a resource-level app: connect a site, connect another, reconnect the first; both stay connected, 0 refreshes', async ({
  orgAdmin: page,
  sandbox,
  database,
  org,
}) => {
  const mainId = await connectSite(page, main.host);
  await expect(page.getByRole('term').filter({ hasText: 'Shares authorization with' })).toHaveCount(0);

  // "Connect another site": the consent covers labs alone, so there is no site picker.
  const labsId = await connectSite(page, labs.host);
  expect(labsId).not.toBe(mainId);
  await expect(page.getByRole('heading', { level: 1, name: `Jira · ${labs.name}` })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Shares authorization with' })).toHaveCount(0);
  await expectAccessible(page);
  await captureScreens(page, 'grants-two-sites-second-site');

  // The first site kept its own authorization: the second consent did not overwrite it.
  await sandbox.resetCounters();
  await page.goto(`/settings/integrations/jira/${mainId}`);
  await expect(await checkConnection(page)).toHaveText(ANSWERED);
  await expect(statusBadge(page, 'Connected')).toBeVisible();
  await expect(alerts(page)).toHaveCount(0);

  // Reconnect the first site: its new consent replaces only its own authorization.
  await page.getByRole('button', { name: 'Reconnect' }).click();
  await answerConsent(page, { site: main.host });
  await expect(page).toHaveURL(new RegExp(`/settings/integrations/jira/${mainId}\\?jira=reconnected$`));
  await waitForAfterConnectDiagnostics(page);
  expect(await connectionIdOf(page)).toBe(mainId);
  await expect(auditEntry(page, 'retired an earlier authorization')).toContainText('Connected apps');
  await captureScreens(page, 'grants-two-sites-reconnected');

  await sandbox.resetCounters();
  await expect(await checkConnection(page)).toHaveText(ANSWERED);
  await page.goto(`/settings/integrations/jira/${labsId}`);
  await expect(await checkConnection(page)).toHaveText(ANSWERED);
  await expect(statusBadge(page, 'Connected')).toBeVisible();
  const counters = await sandbox.counters();
  expect(counters.refreshes).toBe(0);
  expect(counters.requests.myself).toBeGreaterThanOrEqual(2);

  await page.goto('/settings/integrations');
  await expect(siteRow(page, main.name).getByText('Connected', { exact: true })).toBeVisible();
  await expect(siteRow(page, labs.name).getByText('Connected', { exact: true })).toBeVisible();
  await captureScreens(page, 'grants-two-sites-integrations');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'artifacts/screenshots/grants-two-sites-integrations-390.png', fullPage: true });

  // One authorization per site, each covering its own site only.
  const grants = await database`select g.cloud_ids from jira_connections c join jira_grants g on g.id = c.grant_id
    where c.organization_id = ${org.id} order by c.created_at`;
  expect(grants.map((row) => row.cloud_ids as string[])).toEqual([[main.cloudId], [labs.cloudId]]);
});
