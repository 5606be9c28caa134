// Issue 15 items 11 (scale), 9 (Overrides "Used in"), 2 (Preview without a filter) and the keyboard part of
// 15 that belongs to the editor's lists: each test reproduces what was seen and asserts the fix. Round trips
// and Jira calls are counted at the sandbox; nothing here asserts a time (scripts/bench/editor-inp.ts measures).
import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { E2E } from './env';
import { connectSite } from './jira';
import type { Sql } from './db';

const BIG_SITE = 'acme-enterprise-sandbox.atlassian.net';
const MAIN_SITE = 'acme-sandbox.atlassian.net';

// A big-site connect, cold Jira reads at 1 s per request, screenshots at two widths in two schemes: at load 30 on
// 2 cores the first test took 3 to 4.5 minutes.
test.setTimeout(480_000);

const statusSelects = (page: Page) => page.getByRole('combobox', { name: /^Standard status for / });
const saveBar = (page: Page) => page.getByRole('button', { name: 'Discard' }).locator('xpath=../..');

/** The connect starts a backfill of 100,000 issues; pause it so the test's Jira traffic is the editor's alone. */
async function pauseSync(database: Sql, connectionId: string) {
  await database`update jira_sync_states set paused = true where connection_id = ${connectionId}`;
}

async function openEditor(page: Page, connectionId: string) {
  await page.goto(`/settings/integrations/jira/${connectionId}/configuration`);
  await expect(page.getByRole('heading', { name: 'Projects and mappings' })).toBeVisible();
}

/** Screenshots at 1280 and 390 px, light and dark. */
async function captureWidths(page: Page, name: string, focus?: Locator) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    // The part the item is about, scrolled into view rather than the page's header.
    await focus?.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${E2E.screenshots}/${name}-${width}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The focused element lies entirely above the sticky save bar (and inside the viewport). */
async function expectFocusClearOf(page: Page, bar: Locator) {
  const barTop = (await bar.boundingBox())!.y;
  const focused = await page.evaluate(() => {
    const rect = document.activeElement!.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, label: document.activeElement!.getAttribute('aria-label') };
  });
  expect(focused.bottom, `${focused.label} is hidden under the save bar`).toBeLessThanOrEqual(barTop);
  expect(focused.top).toBeGreaterThanOrEqual(0);
}

test('big-site: cold Jira data in at most 3 sequential round trips, a skeleton meanwhile, virtualized lists, bulk project selection', async ({
  orgAdmin: page,
  sandbox,
  database,
}) => {
  await sandbox.setScenario('big-site');
  const connectionId = await connectSite(page, BIG_SITE);
  await pauseSync(database, connectionId);
  // A background read of Jira data started while the connect's pages showed (the editor's page refreshes it when
  // it renders) overlapped the cold read below: 17 project pages counted, not 11, half of them before the reset.
  // Let one read finish in the editor, then leave for a page with no link to it.
  await openEditor(page, connectionId);
  await expect(page.getByText(/^\d+ statuses · /)).toBeVisible({ timeout: 60_000 });
  await page.goto('/settings/members');
  // Cold: no cached Jira data. Each request pays 1 s here (the issue measured at +100 ms): requests sent together
  // then overlap at the sandbox even when a loaded machine staggers them, so the count is of round trips, not of
  // scheduling noise. scripts/bench/editor-inp.ts measures at +100 ms.
  await database`delete from jira_metadata_cache where connection_id = ${connectionId}`;
  await sandbox.knobs({ latencyMs: 1_000 });
  await sandbox.resetCounters();

  await openEditor(page, connectionId);
  await expect(page.getByTestId('metadata-skeleton')).toBeVisible();
  await expect(page.getByText(/^\d+ statuses · /)).toBeVisible({ timeout: 60_000 });
  const counters = await sandbox.counters();
  // Seen: about 14 sequential requests (project pages one after another). Now: first pages, then the rest at once.
  expect(counters.sequentialJiraRequests).toBeGreaterThan(0);
  expect(counters.sequentialJiraRequests).toBeLessThanOrEqual(3);
  expect(counters.requests['project/search']).toBe(11);
  await sandbox.knobs({ latencyMs: 0 });

  // Seen: every one of the ~300 rows rendered (a 21,000 px page). Now only the rows in view are in the DOM.
  const total = Number(/^(\d+) statuses/.exec((await page.getByText(/^\d+ statuses · /).textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(200);
  const rendered = await statusSelects(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4000);
  await expect(page.getByRole('table').first()).toHaveAttribute('aria-rowcount', String(total + 1));
  await expectAccessible(page);
  await captureWidths(page, 'big-site-statuses', page.getByRole('tablist'));

  // Search, a select change and "Apply suggestions" still work on the virtualized list.
  await page.getByLabel('Search statuses or projects').fill(' 29');
  await expect(page.getByText(/· showing \d+$/)).not.toHaveText(new RegExp(`showing ${total}$`));
  const first = statusSelects(page).first();
  await first.selectOption('BLOCKED');
  await expect(first).toHaveValue('BLOCKED');
  await page.getByLabel('Search statuses or projects').fill('');
  await page.getByRole('button', { name: 'Apply suggestions to unmapped' }).click();
  await expect(page.getByRole('status').filter({ hasText: /unsaved changes/ })).toBeVisible();

  // Keyboard: tabbing down the list never leaves the focused select under the sticky save bar.
  await statusSelects(page).first().focus();
  for (let step = 0; step < 25; step += 1) {
    await page.keyboard.press('Tab');
    await expectFocusClearOf(page, saveBar(page));
  }

  // Projects: seen "Showing 200 of 1050" and no bulk actions. Now every project is reachable, with bulk selection.
  await page.getByRole('tab', { name: 'Projects' }).click();
  await expect(page.getByText(/Showing 200 of/)).toHaveCount(0);
  await page.getByLabel('Search projects by key or name').fill('P00');
  const selectMatching = page.getByRole('button', { name: /^Select all \d+ matching$/ });
  await expect(selectMatching).toBeVisible();
  const matching = Number(/(\d+)/.exec((await selectMatching.textContent()) ?? '')?.[1]);
  await selectMatching.click();
  await expect(page.getByText(new RegExp(`^${matching} of [\\d,]+ projects selected`))).toBeVisible();
  await page.getByLabel('Search projects by key or name').fill('');
  await page.getByLabel('Show', { exact: true }).selectOption('selected');
  await expect(page.getByRole('checkbox', { checked: false })).toHaveCount(0);
  await expect(page.getByRole('checkbox').first()).toBeChecked();
  await expectAccessible(page);
  await captureWidths(page, 'big-site-projects', page.getByRole('tablist'));
  await page.getByRole('button', { name: /^Clear / }).click();
  await expect(page.getByText(/All projects/).first()).toBeVisible();

  // Preview without a filter on big-site (1 s per request, as above): progress says what it waits for, then the figures.
  await database`update jira_sync_states set phase = 'backfill', backfill_completed_at = null where connection_id = ${connectionId}`;
  await sandbox.knobs({ latencyMs: 1_000 });
  await sandbox.resetCounters();
  await page.getByRole('tab', { name: 'Preview' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Waiting for Jira: up to 60 issue counts/ })).toBeVisible();
  await captureWidths(page, 'preview-big-site-progress');
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByText(/counted in Jira/)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/Jira refused the preview query/)).toHaveCount(0);
  const counts = await sandbox.counters();
  expect(counts.requests['search/approximate-count']).toBeLessThanOrEqual(60);
  // 60 counts and the sample, 10 at a time (the client's usual 4 would make 16 round trips). Counted as requests in
  // flight together, not as a chain of round trips: in a sliding window of 10, a stall of a second on a loaded
  // machine lengthens the chain (CI counted 9 where 7 is the norm) but not the number sent together.
  expect(counts.maxConcurrentJiraRequests).toBeGreaterThanOrEqual(5);
  expect(counts.maxConcurrentJiraRequests).toBeLessThanOrEqual(11);
  await sandbox.knobs({ latencyMs: 0 });
  await captureWidths(page, 'preview-big-site', page.getByRole('tablist'));
});

test('Overrides shows where each status is used, reading the chosen project when statuses/search does not say', async ({
  orgAdmin: page,
  database,
}) => {
  const connectionId = await connectSite(page, MAIN_SITE);
  await pauseSync(database, connectionId);
  await openEditor(page, connectionId);
  await expect(page.getByText(/^\d+ statuses · /)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Overrides' }).click();

  // Seen: every status listed for every project, "—" under "Used in" even for MOB-only statuses.
  await page.getByLabel('Project', { exact: true }).selectOption('PLAT');
  const table = page.getByRole('region', { name: 'Per-project overrides' }).getByRole('table');
  await expect(table.getByRole('row')).not.toHaveCount(1);
  const usedIn = table.locator('tbody tr td:nth-of-type(1)');
  await expect(usedIn.first()).toBeVisible();
  for (const text of await usedIn.allTextContents()) expect(text).toContain('PLAT');
  const platRows = await table.locator('tbody tr').count();

  await page.getByLabel('Project', { exact: true }).selectOption('MOB');
  await expect(table.locator('tbody tr td:nth-of-type(1)').first()).toContainText('MOB');
  for (const text of await table.locator('tbody tr td:nth-of-type(1)').allTextContents()) expect(text).toContain('MOB');

  // Seen: searching by a project key found only project-scoped statuses. Now every status of that project.
  await page.getByLabel('Project', { exact: true }).selectOption('PLAT');
  await page.getByLabel('Search statuses or projects').fill('PLAT');
  await expect(table.locator('tbody tr')).toHaveCount(platRows);
  await expectAccessible(page);
  await captureWidths(page, 'overrides-used-in', page.getByLabel('Search statuses or projects'));
});

test('Preview works with the default "All projects" instead of "Jira refused the preview query"', async ({
  orgAdmin: page,
  sandbox,
  database,
}) => {
  const connectionId = await connectSite(page, MAIN_SITE);
  // The backfill of this site's 410 issues is quick: let it complete first, or it could record its completion
  // after the update below (in CI the preview then answered from the synced tickets).
  await expect
    .poll(async () => {
      const [state] = await database<{ completed: Date | null }[]>`
        select backfill_completed_at as completed from jira_sync_states where connection_id = ${connectionId}`;
      return state?.completed ?? null;
    }, {
      timeout: 90_000,
    })
    .not.toBeNull();
  await pauseSync(database, connectionId);
  // The synced tickets would answer without Jira; this reproduces the Jira path the issue saw.
  await database`update jira_sync_states set phase = 'backfill', backfill_completed_at = null where connection_id = ${connectionId}`;
  await openEditor(page, connectionId);
  await expect(page.getByText(/^\d+ statuses · /)).toBeVisible({ timeout: 30_000 });
  await sandbox.resetCounters();
  await page.getByRole('tab', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByText(/counted in Jira/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Jira refused the preview query/)).toHaveCount(0);
  expect((await sandbox.counters()).requests['search/approximate-count']).toBeGreaterThan(0);
  await expectAccessible(page);
  await captureWidths(page, 'preview-all-projects', page.getByRole('tablist'));
});
