import type { Page } from '@playwright/test';
import { E2E } from './env';
import { captureScreens, expect, test } from './fixtures';
import { connectionIdOf, startConnect } from './jira';
import type { Sql } from './db';
import type { SandboxControl } from './sandbox';
import { SYNC_SITE as SITE, siteRequests, syncSection, ticketRow, ticketRows, waitForNoJobs } from './sync-helpers';

// End to end against the real job worker that the webServer starts beside Next.js (scripts/portico.ts,
// `--workers 1` by default): nothing here is seeded, every ticket comes from the sandbox through the sync.

/** An issue of the default world's PLAT project, read by the backfill. */
const ISSUE = 'PLAT-1';
/**
 * Every search/jql answer of the backfill takes this long (a fault, not a sleep): each committed page stays
 * on screen for at least this long while the Sync section polls every 2 s, so a value between 0 and the total is
 * seen. Well under the Jira client's 15 s timeout.
 */
const PAGE_DELAY_MS = 4_000;

/** Routes that read issues: what a sync calls, and what a re-normalization must not. */
const issueReads = (requests: Record<string, number>) => Object.keys(requests).filter((route) => route.startsWith('search') || route.startsWith('issue'));

/** Connects the main site and watches its backfill in the Sync section until it is up to date. */
async function connectAndBackfill(page: Page, sandbox: SandboxControl, database: Sql, screenshot?: string): Promise<{ connectionId: string; seen: string[] }> {
  await sandbox.addFault({ route: 'search/jql', count: 50, delayMs: PAGE_DELAY_MS });
  await startConnect(page, { site: SITE.host });
  await expect(page.getByRole('status')).toHaveText('Jira is connected.');
  const connectionId = await connectionIdOf(page);
  const section = syncSection(page);
  await expect(section).toBeVisible();

  // Every value the progress bar shows, until the badge says up to date.
  const seen: string[] = [];
  let captured = false;
  await expect
    .poll(
      async () => {
        // One read of the DOM, never waiting: the bar goes away when the backfill ends.
        const now = await section.evaluate((element) => ({
          text: element.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext') ?? null,
          badge: element.querySelector('h2')?.nextElementSibling?.textContent ?? null,
        }));
        const text = now.text;
        if (text && seen.at(-1) !== text) seen.push(text);
        if (screenshot && !captured && text && /^[1-9][\d,]* of about/.test(text)) {
          captured = true;
          await captureScreens(page, `${screenshot}-backfilling`, section);
        }
        return now.badge;
      },
      { timeout: 150_000, intervals: [250] },
    )
    .toBe('Up to date');
  await sandbox.clearFaults();
  // The backfill's last page enqueues a poll at once (for what changed while it ran). Until that job has run, its
  // Jira calls could land in a later step's counters or bring a later edit: wait until no sync job of this
  // connection is queued or running.
  await waitForNoJobs(database, connectionId);
  return { connectionId, seen };
}

test('connect: the backfill progress bar moves, then the Tickets page lists the issues with their standard statuses', async ({ orgAdmin: page, sandbox, database }) => {
  test.setTimeout(240_000);
  const issue = await sandbox.getIssue(ISSUE);
  const { connectionId, seen } = await connectAndBackfill(page, sandbox, database, 'sync-e2e-section');

  // Read from the worker's commits: at least one value between nothing and everything, then up to date.
  const partial = seen.filter((text) => /^[1-9][\d,]* of about [\d,]+ issues$/.test(text));
  expect(partial.length, `progress values seen: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
  const done = (text: string) => Number(text.split(' ')[0]!.replace(/,/g, ''));
  const total = (text: string) => Number(/about ([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
  expect(partial.some((text) => done(text) < total(text)), `progress values seen: ${JSON.stringify(seen)}`).toBe(true);
  const section = syncSection(page);
  await expect(section.getByRole('link', { name: /^[\d,]+ tickets$/ })).not.toHaveText('0 tickets');
  await captureScreens(page, 'sync-e2e-section-up-to-date', section);

  // Every status is Unknown until a mapping exists: apply the editor's suggestions and save, and the tickets
  // carry the standard statuses (re-normalized in the background).
  const row = await ticketRow(page, ISSUE);
  await expect(row.getByText(issue.summary)).toBeVisible();
  await expect(row.getByText(`Jira: ${issue.status.name}`)).toBeVisible();
  await expect(row.locator('td').first()).toContainText('Unknown');
  await page.goto(`/settings/integrations/jira/${connectionId}/configuration`);
  await expect(page.getByRole('table').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Apply suggestions to unmapped' }).click();
  const suggested = await page.getByRole('combobox', { name: `Standard status for ${issue.status.name}`, exact: true }).inputValue();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  expect(suggested).not.toBe('');
  await expect(async () => {
    const mapped = await ticketRow(page, ISSUE);
    await expect(mapped.locator('td').first()).not.toContainText('Unknown', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  await page.goto('/tickets');
  await expect(ticketRows(page).first()).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `${E2E.screenshots}/sync-e2e-tickets-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a saved status mapping changes the ticket’s standard status with no Jira call', async ({ orgAdmin: page, sandbox, database }) => {
  test.setTimeout(240_000);
  const issue = await sandbox.getIssue(ISSUE);
  const { connectionId } = await connectAndBackfill(page, sandbox, database);
  const before = await ticketRow(page, ISSUE);
  const standardBefore = (await before.locator('td').first().innerText()).split('\n')[0]!.trim();

  await page.goto(`/settings/integrations/jira/${connectionId}/configuration`);
  await expect(page.getByRole('heading', { name: 'Projects and mappings' })).toBeVisible();
  const select = page.getByRole('combobox', { name: `Standard status for ${issue.status.name}`, exact: true });
  await expect(select).toBeVisible({ timeout: 30_000 });
  // A standard status the ticket does not have yet.
  const target = standardBefore === 'Blocked' ? { value: 'PENDING', label: 'Pending' } : { value: 'BLOCKED', label: 'Blocked' };
  await select.selectOption(target.value);
  // The editor's preview of the unsaved mapping reads Jira (a sample search): let it finish before counting.
  await page.waitForLoadState('networkidle');

  // From the save on, the sandbox counts every Jira request for the site.
  await sandbox.resetCounters();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await expect(async () => {
    const row = await ticketRow(page, ISSUE);
    await expect(row.locator('td').first()).toContainText(target.label, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect((await ticketRow(page, ISSUE)).getByText(`Jira: ${issue.status.name}`)).toBeVisible();
  // Re-normalized from the stored raw values: no search and no issue read reached Jira.
  expect(issueReads(await siteRequests(sandbox))).toEqual([]);
});

test('an issue edited in Jira shows in Portico after "Sync now"', async ({ orgAdmin: page, sandbox, database }) => {
  test.setTimeout(240_000);
  const { connectionId } = await connectAndBackfill(page, sandbox, database);
  const summary = `Edited in Jira ${Date.now()}`;
  await sandbox.updateIssue(ISSUE, { summary });
  await expect((await ticketRow(page, ISSUE)).getByText(summary)).toHaveCount(0);

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  await syncSection(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(syncSection(page).getByRole('status')).toBeVisible();
  await expect(async () => {
    const row = await ticketRow(page, ISSUE);
    await expect(row.getByText(summary)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
});

test('paused: edits in Jira do not arrive and the site gets no Jira call; resumed: they do', async ({ orgAdmin: page, sandbox, database }) => {
  test.setTimeout(240_000);
  const { connectionId } = await connectAndBackfill(page, sandbox, database);
  const section = syncSection(page);
  await section.getByRole('button', { name: 'Pause' }).click();
  await expect(section.getByText('Paused', { exact: true })).toBeVisible();
  await expect(section.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await expect(section.getByRole('button', { name: 'Resume' })).toBeVisible();

  await sandbox.resetCounters();
  const summary = `Edited while paused ${Date.now()}`;
  await sandbox.updateIssue(ISSUE, { summary });
  await page.reload();
  await expect(syncSection(page).getByText('Paused', { exact: true })).toBeVisible();
  await expect((await ticketRow(page, ISSUE)).getByText(summary)).toHaveCount(0);
  expect(await siteRequests(sandbox)).toEqual({});

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  await syncSection(page).getByRole('button', { name: 'Resume' }).click();
  await expect(syncSection(page).getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(async () => {
    const row = await ticketRow(page, ISSUE);
    await expect(row.getByText(summary)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  // The resume's poll reads Jira again; the edit itself may have come first by the webhook held while paused.
  await expect.poll(async () => issueReads(await siteRequests(sandbox)).length, { timeout: 60_000 }).toBeGreaterThan(0);
});
