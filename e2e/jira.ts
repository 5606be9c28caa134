import { expect, type Locator, type Page } from '@playwright/test';
import { E2E } from './env';

/** Steps of the Jira connect flow, by role and label, shared by the specs. */
export const jiraCard = (page: Page): Locator => page.getByRole('article', { name: 'Jira Cloud' });

/** The card's row for one site: its link and its status badge. */
export const siteRow = (page: Page, siteName: string): Locator =>
  jiraCard(page).getByRole('list', { name: 'Jira sites' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: siteName, exact: true }) });

/**
 * Answers Atlassian's (the sandbox's) consent screen. `site` is the hostname to pick under
 * "Use app on"; required by the screen when the user has several sites.
 */
export async function answerConsent(page: Page, { site, decision = 'Accept' }: { site?: string; decision?: 'Accept' | 'Cancel' } = {}) {
  await expect(page).toHaveURL((url) => url.origin === E2E.sandboxUrl && url.pathname === '/authorize');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('is requesting access to your Atlassian account');
  if (site) await page.getByLabel('Use app on').selectOption({ label: site });
  await page.getByRole('button', { name: decision }).click();
}

/** From Settings › Integrations: Connect (or Connect another site), then consent. */
export async function startConnect(page: Page, consent: { site?: string; decision?: 'Accept' | 'Cancel' } = {}) {
  await page.goto('/settings/integrations');
  await jiraCard(page)
    .getByRole('button', { name: /^Connect( another site)?$/ })
    .click();
  await answerConsent(page, consent);
}

/** The id in /settings/integrations/jira/<id>, once the browser is on a connection page. */
export async function connectionIdOf(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/settings\/integrations\/jira\/[0-9a-f-]{36}(\?|$)/);
  return /\/jira\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/**
 * Every connect is followed by a diagnostics run in the background (next/server after()). Waiting
 * for its result keeps its Jira calls out of a test's next steps (counters, faults, scenarios).
 */
export async function waitForAfterConnectDiagnostics(page: Page): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^Health: /)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** Connects one site end to end and returns its connection id (expects a first-time connect). */
export async function connectSite(page: Page, site?: string): Promise<string> {
  await startConnect(page, { site });
  await expect(page.getByRole('status')).toHaveText('Jira is connected.');
  await waitForAfterConnectDiagnostics(page);
  return connectionIdOf(page);
}

/** One entry of the connection page's audit log, by the words of its sentence. */
export const auditEntry = (page: Page, text: string | RegExp): Locator =>
  page.getByRole('list', { name: 'Audit log events' }).locator(':scope > li').filter({ hasText: text });

export const statusBadge = (page: Page, label: string): Locator =>
  page.getByRole('heading', { level: 1 }).locator('..').getByText(label, { exact: true });

/** Clicks "Check connection" on a connection page and returns its result line. */
export async function checkConnection(page: Page): Promise<Locator> {
  const button = page.getByRole('button', { name: 'Check connection' });
  await button.click();
  const result = button.locator('xpath=..').getByRole('status');
  await expect(result).toBeVisible();
  return result;
}
