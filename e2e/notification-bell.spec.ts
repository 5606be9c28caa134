import type { Page } from '@playwright/test';
import type { Sql } from './db';
import { E2E } from './env';
import { captureScreens, expect, expectAccessible, test } from './fixtures';

// Issue 16's bell as an admin expects it from Linear or GitHub: a popover of the latest notifications, each
// linking to the page that fixes it. The rows are written straight to the database, so the spec needs no
// sandbox revoke (notifications.spec.ts covers how a revoked grant becomes a notification).

const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Notifications, / });
const popover = (page: Page) => page.getByRole('dialog', { name: 'Notifications' });

interface Seed {
  title: string;
  remedy?: string;
  link?: string;
  state?: 'open' | 'resolved' | 'info';
  minutesAgo?: number;
  read?: boolean;
}

async function userId(sql: Sql, email: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`select id from users where email = ${email}`;
  return row!.id;
}

async function seed(sql: Sql, orgId: string, user: string, rows: Seed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const at = new Date(Date.now() - (row.minutesAgo ?? 0) * 60_000);
    const [created] = await sql<{ id: string }[]>`
      insert into notifications (organization_id, user_id, topic, event_type, title, diagnosis, remedy, link, state,
                                 first_broke_at, last_event_at, read_at)
      values (${orgId}, ${user}, 'connection', 'connection.needs_reconnect', ${row.title}, 'What broke.',
              ${row.remedy ?? 'Open the connection and choose Reconnect, then accept the consent at Atlassian.'},
              ${row.link ?? '/settings/integrations'}, ${row.state ?? 'open'}, ${at}, ${at}, ${row.read ? at : null})
      returning id`;
    ids.push(created!.id);
  }
  return ids;
}

const readAt = async (sql: Sql, id: string) => (await sql<{ read_at: Date | null }[]>`select read_at from notifications where id = ${id}`)[0]?.read_at ?? null;

test('the bell opens the latest notifications: keyboard, Escape, click outside, mark one on open, mark all, view all', async ({ orgAdmin: page, org, database }) => {
  const admin = await userId(database, org.admin.email);
  const [, recovered] = await seed(database, org.id, admin, [
    { title: 'Acme Jira needs to be reconnected', minutesAgo: 5 },
    { title: 'Acme Jira: connection health is degraded', state: 'resolved', link: '/settings/api-keys', minutesAgo: 90 },
    { title: 'Beta Jira was disconnected', remedy: 'If it should stay connected, open the connection and connect it again.', state: 'info', minutesAgo: 3 * 24 * 60, read: true },
  ]);
  await seed(database, org.id, await userId(database, org.member.email), [{ title: 'Only the member is told this' }]);

  await page.reload();
  await expect(bell(page)).toHaveAccessibleName('Notifications, 2 unread');
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'false');

  await bell(page).click();
  await expect(popover(page)).toBeFocused();
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'true');
  const items = popover(page).getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0).getByRole('link', { name: 'Unread: Acme Jira needs to be reconnected' })).toHaveAttribute('href', '/settings/integrations');
  await expect(items.nth(0)).toContainText('Open the connection and choose Reconnect');
  await expect(items.nth(0).locator('time')).toHaveText(/^\d+ minutes ago$/);
  await expect(items.nth(0).locator('time')).toHaveAttribute('title', /UTC$/);
  await expect(items.nth(1)).toContainText('It recovered; nothing to do now.');
  await expect(items.nth(2).getByRole('link', { name: 'Beta Jira was disconnected' })).toBeVisible();
  await expect(items.nth(2).locator('time')).not.toHaveText(/ago|just now/);
  await expect(popover(page).getByTestId('unread-dot')).toHaveCount(2);
  await expect(popover(page)).not.toContainText('Only the member is told this');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await captureScreens(page, 'notification-bell-1280');

  await page.keyboard.press('Escape');
  await expect(popover(page)).toBeHidden();
  await expect(bell(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(popover(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(popover(page).getByRole('button', { name: 'Mark all read' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(items.nth(0).getByRole('link')).toBeFocused();
  // A click outside (the popover covers the middle of the page at this width: click main's top-left corner).
  await page.getByRole('main').click({ position: { x: 8, y: 8 } });
  await expect(popover(page)).toBeHidden();

  // A phone: the bell sits at the left of the wrapped header; the popover stays inside the viewport.
  await page.setViewportSize({ width: 390, height: 844 });
  await bell(page).click();
  await expect(items).toHaveCount(3);
  const box = (await popover(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await expectAccessible(page);
  await captureScreens(page, 'notification-bell-390');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 720 });

  // Opening a notification's link marks that one read; the count follows without a reload.
  await bell(page).click();
  await popover(page).getByRole('link', { name: 'Unread: Acme Jira: connection health is degraded' }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(popover(page)).toBeHidden();
  await expect(bell(page)).toHaveAccessibleName('Notifications, 1 unread');
  await expect.poll(() => readAt(database, recovered!)).not.toBeNull();

  // A new one: the poll (here on window focus, as when the admin comes back to the tab) counts it.
  await seed(database, org.id, admin, [{ title: 'Gamma Jira needs to be reconnected' }]);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(bell(page)).toHaveAccessibleName('Notifications, 2 unread');

  await bell(page).click();
  await expect(items).toHaveCount(4);
  await popover(page).getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell(page)).toHaveAccessibleName('Notifications, none unread');
  await expect(popover(page).getByTestId('unread-dot')).toHaveCount(0);
  await expect(popover(page)).toBeFocused();
  await expect(popover(page).getByRole('status')).toHaveText('All notifications are marked read.');
  await page.reload();
  await expect(bell(page)).toHaveAccessibleName('Notifications, none unread');

  await bell(page).click();
  await popover(page).getByRole('link', { name: 'View all notifications' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Gamma Jira needs to be reconnected' })).not.toContainText('Unread');

  // The page's own Mark all read: the bell follows without a reload.
  await seed(database, org.id, admin, [{ title: 'Delta Jira needs to be reconnected' }]);
  await page.reload();
  await expect(bell(page)).toHaveAccessibleName('Notifications, 1 unread');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('article', { name: 'Delta Jira needs to be reconnected' })).not.toContainText('Unread');
  await expect(bell(page)).toHaveAccessibleName('Notifications, none unread');
});

test("the bell's JSON routes answer only the session's own notifications, and refuse other sites and bad bodies", async ({ orgAdmin: page, org, database, browser }) => {
  const [mine] = await seed(database, org.id, await userId(database, org.admin.email), [{ title: 'Mine' }]);
  const [theirs] = await seed(database, org.id, await userId(database, org.member.email), [{ title: 'Theirs' }]);

  const listed = await page.request.get('/api/notifications');
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { unread: number; items: { title: string }[] };
  expect(body.unread).toBe(1);
  expect(body.items.map((item) => item.title)).toEqual(['Mine']);

  const headers = { origin: E2E.baseUrl };
  const marked = await page.request.post('/api/notifications/read', { data: { ids: [mine, theirs] }, headers });
  expect(marked.status()).toBe(200);
  expect(await marked.json()).toEqual({ unread: 0 });
  expect(await readAt(database, mine!)).not.toBeNull();
  expect(await readAt(database, theirs!)).toBeNull();

  expect((await page.request.post('/api/notifications/read', { data: { all: true }, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
  expect((await page.request.post('/api/notifications/read', { data: { ids: ['not-an-id'] }, headers })).status()).toBe(422);
  expect((await page.request.post('/api/notifications/read', { data: { all: true, userId: theirs }, headers })).status()).toBe(422);
  expect(await readAt(database, theirs!)).toBeNull();

  const stranger = await browser.newContext({ baseURL: E2E.baseUrl });
  expect((await stranger.request.get('/api/notifications')).status()).toBe(401);
  expect((await stranger.request.post('/api/notifications/read', { data: { all: true }, headers })).status()).toBe(401);
  await stranger.close();
});
