import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { connectE2eDatabase, createTestOrg, type Credentials, type Sql, type TestOrg } from './db';
import { E2E } from './env';
import { LeakCapture, saveSandboxTokens } from './leak-capture';
import { SandboxControl, type GrantType } from './sandbox';

export const DEMO = {
  admin: { email: 'admin@example.com', password: 'portico-admin' },
  member: { email: 'member@example.com', password: 'portico-member' },
} as const;

export async function signIn(page: Page, who: keyof typeof DEMO | Pick<Credentials, 'email' | 'password'>) {
  const { email, password } = typeof who === 'string' ? DEMO[who] : who;
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings\/integrations/);
}

/** Alerts on the page, without Next's route announcer (an empty role="alert" region). */
export const alerts = (page: Page) => page.getByRole('alert').and(page.locator(':not(#__next-route-announcer__)'));

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Light and dark screenshots of a main page, kept as CI artifacts. */
export async function captureScreens(page: Page, name: string, section?: Locator) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const path = `${E2E.screenshots}/${name}-${colorScheme}.png`;
    // Buttons fade their colours (transition-colors): without this, a screenshot taken right after the switch to
    // dark catches them still light (the "light-grey Cancel block" of issue 15).
    await (section ? section.screenshot({ path, animations: 'disabled' }) : page.screenshot({ path, fullPage: true, animations: 'disabled' }));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

interface TestOptions {
  /** The sandbox app's grant type for the test (`test.use({ grantType: 'resource' })`); account-level by default. */
  grantType: GrantType;
}

interface TestFixtures {
  /** Demo organization Acme's admin and member (read-only use: the org is shared by every spec). */
  adminPage: Page;
  memberPage: Page;
  /** Auto: records what the browser receives from Portico and stores, for zz-leak.spec.ts. */
  leakCapture: LeakCapture;
  /** The Atlassian sandbox, back at scenario `default` with no consents, tokens, faults or knobs. */
  sandbox: SandboxControl;
  /** A fresh organization of its own, so a test never sees another test's Jira connections. */
  org: TestOrg;
  /** The default page, signed in as the test organization's admin (sandbox reset first). */
  orgAdmin: Page;
  /** A second browser context signed in as the test organization's member. */
  orgMember: Page;
}

export const test = base.extend<TestOptions & TestFixtures, { database: Sql }>({
  grantType: ['account', { option: true }],
  database: [
    async ({}, use) => {
      const sql = connectE2eDatabase();
      await use(sql);
      await sql.end();
    },
    { scope: 'worker' },
  ],
  leakCapture: [
    async ({ context, browser }, use, testInfo) => {
      const capture = new LeakCapture(testInfo.titlePath.slice(1).join(' › '), testInfo.testId);
      capture.attach(context);
      // Contexts a test opens itself (a second user, a second browser) are captured too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const created = await newContext(options);
        capture.attach(created);
        return created;
      };
      try {
        await use(capture);
      } finally {
        browser.newContext = newContext;
      }
      await capture.finish();
    },
    { auto: true },
  ],
  sandbox: async ({ grantType }, use) => {
    const sandbox = new SandboxControl(E2E.sandboxUrl);
    // A reset forgets the issued tokens; keep them for the leak scan first.
    await saveSandboxTokens(await sandbox.tokens());
    await sandbox.setScenario('default');
    await sandbox.reset();
    if (grantType !== 'account') await sandbox.setGrantType(grantType);
    await use(sandbox);
    await saveSandboxTokens(await sandbox.tokens());
  },
  org: async ({ database }, use, testInfo) => {
    await use(await createTestOrg(database, testInfo.title));
  },
  orgAdmin: async ({ page, org, sandbox: _sandbox }, use) => {
    await signIn(page, org.admin);
    await use(page);
  },
  orgMember: async ({ browser, baseURL, org, leakCapture: _capture }, use) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page, org.member);
    await use(page);
    await context.close();
  },
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
