import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { E2E } from './env';
import { connectSite } from './jira';

// Issue 12 items 3 and 4: what the last Jira read could not tell is shown in the editor, and a
// mapped status Portico cannot see keeps its name and is not offered for pruning.
test('the editor shows fetch-metadata warnings and a mapped status it cannot see, without Prune', async ({ orgAdmin: page, sandbox, database }) => {
  // Connect, a first Jira read, axe and three full-page screenshots on a shared 2-core machine.
  test.setTimeout(180_000);
  const connectionId = await connectSite(page, 'acme-sandbox.atlassian.net');
  // A filter with HELP, a mapping of 10006 "Waiting for support" (only HELP uses it), and a grant
  // without manage:jira-configuration; then HELP becomes invisible to the authorizing user.
  await database`update jira_connections set project_filter = ${database.json(['PLAT', 'HELP'])},
    status_mapping = ${database.json({ '10006': 'BLOCKED' })},
    granted_scopes = ${['read:jira-work', 'read:jira-user', 'offline_access']}
    where id = ${connectionId}`;
  // Whatever was read right after connecting is forgotten, so the editor reads Jira as it is now.
  await database`delete from jira_metadata_cache where connection_id = ${connectionId}`;
  await sandbox.setScenario('restricted-projects');

  await page.goto(`/settings/integrations/jira/${connectionId}/configuration`);
  const notes = page.getByRole('region', { name: 'Notes about the Jira data' });
  await expect(notes).toBeVisible({ timeout: 30_000 });
  await expect(notes).toContainText('(HELP)');
  await expect(notes).toContainText('not granted manage:jira-configuration');
  await expect(page.getByText(/\d+ statuses? · /)).toBeVisible();

  const row = page.getByRole('row', { name: /Status 10006|Waiting/ });
  await expect(row).toContainText('Not visible to the authorizing user');
  await expect(row.getByRole('button', { name: 'Prune' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Projects' }).click();
  await expect(page.getByText(/1 of \d+ projects selected · 1 selected project is not visible in Jira/)).toBeVisible();
  await page.getByRole('tab', { name: /Statuses/ }).click();
  await expectAccessible(page);

  await captureScreens(page, 'editor-warnings');
  await page.screenshot({ path: `${E2E.screenshots}/editor-warnings.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: `${E2E.screenshots}/editor-warnings-390.png`, fullPage: true });
});
