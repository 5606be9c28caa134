import type { Page } from '@playwright/test';
import { E2E, SANDBOX_SITES } from './env';
import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { connectSite } from './jira';
import { saveSecret } from './leak-capture';

// Issue 15, "Everywhere": what every page owes a keyboard user, a phone and a lost link.

// A connect, then every page at two widths: more than the default minute on a loaded machine.
test.setTimeout(240_000);

/**
 * How much wider than the viewport the document is (0 when nothing scrolls sideways), with the innermost
 * elements that stick out, so a failure names what to fix.
 */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
      return false;
    };
    // The innermost elements that stick out (no child of theirs does), named by tag, class and text.
    const wide = [...document.body.querySelectorAll('*')].filter((element) => element.getBoundingClientRect().right > width + 0.5);
    const unclipped = wide.filter((element) => !clipped(element));
    // An absolutely positioned element escapes an overflow box that is not its containing block: when no
    // unclipped element explains the overflow, name the clipped ones.
    const spilling = [...document.body.querySelectorAll('*')].filter(
      (element) => getComputedStyle(element).overflowX === 'visible' && element.scrollWidth > element.clientWidth + 0.5 && element.clientWidth > 0,
    );
    const out = unclipped.length > 0 ? unclipped : spilling.length > 0 ? spilling : wide;
    const culprits = out
      .filter((element) => !out.some((other) => other !== element && element.contains(other)))
      .slice(0, 3)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${(element.textContent ?? '').slice(0, 60)}`);
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });

test('a keyboard user skips the header: the first Tab offers "Skip to content", which moves focus into <main>', async ({ adminPage: page }) => {
  await page.goto('/settings/integrations');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page.getByRole('main')).toHaveCount(1);
});

test('an unknown page and an unknown connection answer a branded 404 with a way back', async ({ adminPage: page }) => {
  const missing = await page.goto('/settings/no-such-page');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'not-found');

  const gone = await page.goto('/settings/integrations/jira/00000000-0000-4000-8000-000000000000');
  expect(gone?.status()).toBe(404);
  // Inside the app's frame: the navigation is still there, and the way back works.
  await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Integrations' }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
});

/** Every page an admin reaches, with a connected site. */
const everyPage = (connectionId: string) => [
  '/settings/integrations',
  `/settings/integrations/jira/${connectionId}`,
  `/settings/integrations/jira/${connectionId}/configuration`,
  `/settings/integrations/jira/${connectionId}/troubleshooting`,
  '/settings/integrations/jira/oauth-app',
  '/settings/api-keys',
  '/settings/api-keys/docs',
  '/settings/members',
  '/settings/background-jobs',
  '/settings/webhooks',
  '/settings/notifications',
  '/settings/outbox',
  '/notifications',
  '/tickets',
  '/settings/no-such-page',
];

const screenshotName = (path: string, connectionId: string) =>
  path.replace(connectionId, 'connection').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

test('at 390 px no page is wider than the viewport', async ({ orgAdmin: page }) => {
  const connectionId = await connectSite(page, SANDBOX_SITES.main.host);
  // A key in the list: its table's visually hidden last header once made the page 434 px wide.
  await page.goto('/settings/api-keys');
  await page.getByLabel('Name').fill('Onboarding backend');
  await page.getByRole('button', { name: 'Create key' }).click();
  await saveSecret('API key', (await page.getByLabel('New API key').textContent())!);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflowing: string[] = [];
  for (const path of everyPage(connectionId)) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const { overflow, culprits } = await sidewaysOverflow(page);
    await page.screenshot({ path: `${E2E.screenshots}/phone-390-${screenshotName(path, connectionId)}.png`, fullPage: true });
    if (overflow > 0) overflowing.push(`${path}: ${overflow} px too wide, by ${culprits.join(', ')}`);
  }
  expect(overflowing).toEqual([]);
});

test('axe finds nothing serious on any page, in light and in dark', async ({ orgAdmin: page }) => {
  // Fifteen pages, two schemes each, one of them 8,000 px tall: minutes on a loaded 2-core machine.
  test.setTimeout(900_000);
  const connectionId = await connectSite(page, SANDBOX_SITES.main.host);
  const failures: string[] = [];
  for (const path of everyPage(connectionId)) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      try {
        await expectAccessible(page);
      } catch (error) {
        failures.push(`${path} (${colorScheme}): ${error instanceof Error ? error.message.split('\n').slice(0, 12).join(' ') : String(error)}`);
      }
    }
    await captureScreens(page, `page-1280-${screenshotName(path, connectionId)}`);
  }
  expect(failures).toEqual([]);
});

test('after connect the banner offers the next step, and Disconnect sits in a danger zone away from Reconnect', async ({ orgAdmin: page }) => {
  const connectionId = await connectSite(page, SANDBOX_SITES.main.host);
  await expect(page.getByRole('status').filter({ hasText: 'Jira is connected.' })).toBeVisible();
  await page.getByRole('link', { name: 'Map statuses →' }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/integrations/jira/${connectionId}/configuration`));

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  const connectionSection = page.getByRole('region', { name: 'Connection' });
  await expect(connectionSection.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  await expect(connectionSection.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  const dangerZone = page.getByRole('region', { name: 'Danger zone' });
  await expect(dangerZone.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  await captureScreens(page, 'connection-danger-zone', dangerZone);
});
