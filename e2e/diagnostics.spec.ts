import type { Page } from '@playwright/test';
import { SANDBOX_SITES } from './env';
import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { connectSite, jiraCard, siteRow } from './jira';

const { main } = SANDBOX_SITES;

async function openTroubleshooting(page: Page) {
  await page.getByRole('link', { name: 'Troubleshooting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Troubleshooting' })).toBeVisible();
}

async function rerun(page: Page) {
  const before = await page.getByText(/^Last run /).textContent();
  await page.getByRole('button', { name: 'Run diagnostics again' }).click();
  await expect(page.getByText(/^Last run /)).not.toHaveText(before ?? '');
}

/** One check of the latest run, by its title. */
const check = (page: Page, title: string) =>
  page
    .getByRole('list', { name: 'Checks' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: title }) });

test('missing scopes: the run names each missing scope, what it blocks and how to add it; after the fix it turns green', async ({
  orgAdmin: page,
  sandbox,
}) => {
  await connectSite(page, main.host);
  // The app's configuration in the developer console lost scopes after the admin consented.
  await sandbox.setScenario('missing-scopes');
  await openTroubleshooting(page);
  await rerun(page);

  await expect(page.getByRole('heading', { level: 2, name: /^\d+ of \d+ checks failed/ })).toBeVisible();
  await expect(page.getByText('Health: Problems found')).toBeVisible();
  const scopes = check(page, 'Permissions (scopes)');
  await expect(scopes.getByText('Failed', { exact: true })).toBeVisible();
  await expect(scopes).toContainText(
    'Atlassian did not give Portico 1 required and 1 optional permissions (scopes) it asks for: read:jira-user, manage:jira-configuration.',
  );
  await expect(
    scopes.getByRole('listitem').filter({
      hasText: /^read:jira-user \(required\): knowing which Atlassian user authorized the connection/,
    }),
  ).toBeVisible();
  await expect(
    scopes
      .getByRole('listitem')
      .filter({ hasText: /^manage:jira-configuration \(optional\): loading every status in one call/ }),
  ).toBeVisible();
  await expect(scopes).toContainText('Atlassian grants added scopes only with a new consent');
  await expect(scopes.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  await scopes.getByText('Evidence: what Portico asked, what Atlassian answered').click();
  await expect(scopes.getByRole('definition').filter({ hasText: 'scope does not match' }).first()).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'jira-diagnostics-missing-scopes');

  // The scopes are back in the app's configuration: a new run refreshes and finds them.
  await sandbox.setScenario('default');
  await rerun(page);
  await expect(page.getByRole('heading', { level: 2, name: 'All 10 checks passed' })).toBeVisible();
  await expect(page.getByText('Health: Healthy')).toBeVisible();
});

test('restricted projects: the run lists the inaccessible projects with the fix; after the fix it turns green', async ({
  orgAdmin: page,
  org,
  database,
  sandbox,
}) => {
  const connectionId = await connectSite(page, main.host);
  // The configuration page reads Jira's projects once (Portico then knows HELP and MKT existed).
  await page.goto(`/settings/integrations/jira/${connectionId}/configuration`);
  await expect(page.getByRole('table').first()).toBeVisible({ timeout: 30_000 });
  await database`update jira_connections set project_filter = ${database.json(['PLAT', 'HELP', 'MKT'])} where id = ${connectionId} and organization_id = ${org.id}`;
  // Someone removed the authorizing user's Browse Projects permission in HELP and MKT.
  await sandbox.setScenario('restricted-projects');

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  await openTroubleshooting(page);
  await rerun(page);
  await expect(page.getByRole('heading', { level: 2, name: '1 of 10 checks failed' })).toBeVisible();
  const projects = check(page, 'Projects in the filter');
  await expect(projects.getByText('Failed', { exact: true })).toBeVisible();
  await expect(projects).toContainText(
    'Portico cannot read 2 of the 3 projects in its filter (HELP, MKT): Jira hides them from Mia Krystof, the Atlassian user Portico connects as.',
  );
  await expect(
    projects.getByRole('listitem').filter({
      hasText: /^HELP: Portico saw this project before, so most likely Mia Krystof lost the Browse Projects permission/,
    }),
  ).toBeVisible();
  await expect(projects).toContainText('grants Browse Projects to Mia Krystof');
  await expect(projects.getByRole('link', { name: 'Edit project filter' })).toHaveAttribute(
    'href',
    `/settings/integrations/jira/${connectionId}/configuration`,
  );
  await expectAccessible(page);
  await captureScreens(page, 'jira-diagnostics-restricted-projects');

  // A Jira admin gave the permission back.
  await sandbox.setScenario('default');
  await rerun(page);
  await expect(page.getByRole('heading', { level: 2, name: 'All 10 checks passed' })).toBeVisible();
  await expect(check(page, 'Projects in the filter')).toContainText(
    'All 3 projects in the filter exist and Mia Krystof can browse them.',
  );
  const history = page.getByRole('region', { name: 'Past runs' });
  await expect(history.getByRole('row')).toHaveCount(4);
  await expect(history.getByRole('row').nth(1)).toContainText('Run by Erin Admin');
  await expect(history.getByRole('row').nth(1)).toContainText('Healthy');
  await expect(history.getByRole('row').nth(2)).toContainText('Projects in the filter');
  await expect(history.getByRole('row').nth(3)).toContainText('After connect');
  await expectAccessible(page);
  await captureScreens(page, 'jira-diagnostics-healthy');

  await page.goto('/settings/integrations');
  await expect(siteRow(page, main.name).getByText('Health: Healthy')).toBeVisible();
  // In the reader's zone, relative while recent; the exact UTC time is the hover (words-and-times.spec.ts).
  await expect(siteRow(page, main.name).getByText(/^checked (just now|\d+ \w+ ago)$/)).toBeVisible();
});

test('members read the results and the card’s health badge but cannot run diagnostics', async ({
  orgAdmin: admin,
  orgMember: page,
  sandbox,
}) => {
  const connectionId = await connectSite(admin, main.host);
  await sandbox.setScenario('default');

  await page.goto('/settings/integrations');
  await expect(jiraCard(page).getByText('Health: Healthy')).toBeVisible();
  await page.goto(`/settings/integrations/jira/${connectionId}/troubleshooting`);
  await expect(page.getByRole('heading', { level: 2, name: 'All 10 checks passed' })).toBeVisible();
  await expect(page.getByText('Only admins can run diagnostics.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Run diagnostics/ })).toHaveCount(0);
  await expectAccessible(page);
});
