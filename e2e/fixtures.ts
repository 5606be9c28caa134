import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { E2E } from './env';

export const DEMO = {
  admin: { email: 'admin@example.com', password: 'portico-admin' },
  member: { email: 'member@example.com', password: 'portico-member' },
} as const;

export async function signIn(page: Page, who: keyof typeof DEMO) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(DEMO[who].email);
  await page.getByLabel('Password').fill(DEMO[who].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings\/integrations/);
}

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Light and dark screenshots of a main page, kept as CI artifacts. */
export async function captureScreens(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `${E2E.screenshots}/${name}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export const test = base.extend<{ adminPage: Page; memberPage: Page }>({
  adminPage: async ({ page }, use) => {
    await signIn(page, 'admin');
    await use(page);
  },
  memberPage: async ({ page }, use) => {
    await signIn(page, 'member');
    await use(page);
  },
});

export { expect };
