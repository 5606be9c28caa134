import { captureScreens, expect, expectAccessible, signIn, test } from './fixtures';
import { connectSite } from './jira';
import type { Page } from '@playwright/test';

const SITE = 'acme-sandbox.atlassian.net';

async function openConfiguration(page: Page, connectionId: string) {
  await page.goto(`/settings/integrations/jira/${connectionId}/configuration`);
  await expect(page.getByRole('heading', { name: 'Projects and mappings' })).toBeVisible();
  // The first visit fetches Jira's statuses in the background; the editor polls until they land.
  await expect(page.getByRole('table').first()).toBeVisible({ timeout: 30_000 });
}

// A connect, the editor's background status fetch and a reload each: more than the default minute on a loaded machine.
test.setTimeout(180_000);

const statusSelects = (page: Page) => page.getByRole('combobox', { name: /^Standard status for / });

test('an admin applies suggestions, maps a status by keyboard, saves, and finds it after a reload', async ({ orgAdmin: page }) => {
  const connectionId = await connectSite(page, SITE);
  await page.getByRole('link', { name: 'Configure projects and mappings' }).click();
  await openConfiguration(page, connectionId);
  await expect(page.getByText(/\d+ unmapped/).first()).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'jira-status-mapping');

  await page.getByRole('button', { name: 'Apply suggestions to unmapped' }).click();
  await expect(page.getByRole('status').filter({ hasText: /unsaved change/ })).toBeVisible();

  const first = statusSelects(page).first();
  const name = (await first.getAttribute('aria-label'))!.replace('Standard status for ', '');
  await first.focus();
  // One key: a select's type-ahead forgets earlier keys after about a second, which a loaded machine can take.
  await page.keyboard.press('b');
  await expect(first).toHaveValue('BLOCKED');
  await page.getByRole('button', { name: 'Save changes' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  await page.reload();
  await openConfiguration(page, connectionId);
  await expect(page.getByRole('combobox', { name: `Standard status for ${name}` })).toHaveValue('BLOCKED');

  await page.getByRole('tab', { name: /Priorities/ }).click();
  await expect(page.getByRole('combobox', { name: /^Standard priority for / }).first()).toBeVisible();
  await captureScreens(page, 'jira-priority-mapping');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByText(/Version 1/)).toBeVisible();
  await expectAccessible(page);
});

test('a stale save from a second browser is refused and nothing is overwritten silently', async ({ orgAdmin: page, org, browser, baseURL }) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(page, connectionId);

  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, org.admin);
  await openConfiguration(otherPage, connectionId);
  const theirSelect = statusSelects(otherPage).nth(0);
  await theirSelect.selectOption('CANCELLED');
  await otherPage.getByRole('button', { name: 'Save changes' }).click();
  await expect(otherPage.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await other.close();

  const mySelect = statusSelects(page).nth(1);
  await mySelect.selectOption('PENDING');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(conflict).toContainText('saved version 1 while you were editing');
  await expect(conflict.getByRole('list', { name: 'Their changes' })).toContainText('→ Cancelled (was ');
  await captureScreens(page, 'jira-mapping-conflict');

  await conflict.getByRole('button', { name: 'Keep my edits on top of theirs' }).click();
  await expect(statusSelects(page).nth(0)).toHaveValue('CANCELLED');
  await expect(mySelect).toHaveValue('PENDING');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
});

test('a member sees the editors read-only', async ({ orgAdmin: page, orgMember }) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(orgMember, connectionId);
  await expect(orgMember.getByRole('note').filter({ hasText: 'Only admins can change mappings — ask an admin:' })).toBeVisible();
  await expect(statusSelects(orgMember).first()).toBeDisabled();
  await expect(orgMember.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  await expect(orgMember.getByRole('button', { name: /Apply/ })).toHaveCount(0);
  const response = await orgMember.request.put(`/api/integrations/jira/connections/${connectionId}/config`, {
    data: { expectedVersion: 0, config: { projectFilter: [], statusMapping: {}, priorityMapping: {}, projectOverrides: {} } },
  });
  expect(response.status()).toBe(403);
  await expectAccessible(orgMember);
});
