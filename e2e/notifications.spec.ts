import type { Page } from '@playwright/test';
import { SANDBOX_SITES } from './env';
import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { answerConsent, checkConnection, connectSite, statusBadge } from './jira';

const { main } = SANDBOX_SITES;
const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Notifications, / });

/** The consumer runs on the job engine: reload until the bell says so (no fixed sleeps). */
async function expectBell(page: Page, name: string) {
  await expect(async () => {
    await page.reload();
    await expect(bell(page)).toHaveAccessibleName(name, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

test('a revoked grant: the bell shows it, the outbox has the email naming the fix, and reconnecting resolves it', async ({ orgAdmin: page, sandbox }) => {
  test.setTimeout(420_000);
  const connectionId = await connectSite(page, main.host);
  await expect(bell(page)).toHaveAccessibleName('Notifications, none unread');

  await sandbox.setScenario('revoked');
  await expect(await checkConnection(page)).toHaveText(/Reconnect to restore it\.$/);
  await expectBell(page, 'Notifications, 1 unread');
  await expect(page.getByTestId('unread-count')).toHaveText('1');

  await bell(page).click();
  await page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: 'View all notifications' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const notice = page.getByRole('article', { name: `${main.name} needs to be reconnected` });
  await expect(notice).toContainText('Needs action');
  await expect(notice).toContainText('Atlassian refused the stored authorization');
  await expect(notice).toContainText('What to do: Open the connection and choose Reconnect, then accept the consent at Atlassian.');
  await expect(notice.getByRole('link', { name: /^Fix it/ })).toHaveAttribute('href', `/settings/integrations/jira/${connectionId}`);
  await expectAccessible(page);
  await captureScreens(page, 'notifications');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await captureScreens(page, 'notifications-390');
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.goto('/settings/outbox');
  const email = page.getByRole('article', { name: `${main.name} needs to be reconnected` });
  await expect(email).toContainText('What to do: Open the connection and choose Reconnect');
  await expect(email).toContainText(`/settings/integrations/jira/${connectionId}`);
  await expect(email).not.toContainText(/access_token|refresh_token|client_secret/);
  await expectAccessible(page);
  await captureScreens(page, 'email-outbox');

  await page.goto('/settings/notifications');
  await expect(page.getByRole('checkbox', { name: 'A connection needs to be reconnected: email' })).toBeChecked();
  await expectAccessible(page);
  await captureScreens(page, 'notification-settings');

  // Reconnect: the notification resolves (and still links to the connection).
  await sandbox.setScenario('default');
  await page.goto(`/settings/integrations/jira/${connectionId}`);
  await notice.page().getByRole('button', { name: 'Reconnect' }).click();
  await answerConsent(page, { site: main.host });
  await expect(statusBadge(page, 'Connected')).toBeVisible();
  await page.goto('/notifications');
  await expect(async () => {
    await page.reload();
    await expect(notice).toContainText('Resolved', { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(notice).toContainText('It recovered');

  // The admin who got the break email gets one short answer to it.
  await page.goto('/settings/outbox');
  const resolvedEmail = page.getByRole('article', { name: `Resolved: ${main.name} needs to be reconnected`, exact: true });
  await expect(resolvedEmail).toContainText('The connection was reconnected, and Portico reads Jira again. Nothing more to do.');
  await expect(resolvedEmail).toContainText(`/settings/integrations/jira/${connectionId}`);
  await expect(page.getByRole('list', { name: 'Emails' }).getByRole('article')).toHaveCount(2);
  await captureScreens(page, 'email-outbox-resolved');
  await page.goto('/notifications');

  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(notice).not.toContainText('Unread');
  await expect(bell(page)).toHaveAccessibleName('Notifications, none unread');
  await expectAccessible(page);
  await captureScreens(page, 'notifications-resolved');
});
