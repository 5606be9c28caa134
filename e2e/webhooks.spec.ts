import type { Page } from '@playwright/test';
import type { Sql } from './db';
import { captureScreens, expect, test } from './fixtures';
import { connectionIdOf, startConnect } from './jira';
import type { SandboxControl } from './sandbox';
import { SYNC_SITE, siteRequests, syncSection, ticketRow, ticketRowsFor, waitForNoJobs } from './sync-helpers';

// Webhooks and reconciliation end to end: the sandbox sends signed deliveries to Portico's webhook URL when an
// issue changes through its control API, Portico's job worker applies them; reconciliation catches what no
// delivery reported. Against the real worker that the webServer starts beside Next.js.

const webhooksGroup = (page: Page) => syncSection(page).getByRole('group', { name: 'Webhooks' });
const reconciliationGroup = (page: Page) => syncSection(page).getByRole('group', { name: 'Reconciliation' });

/** Routes that read issues: what a poll calls. */
const issueReads = (requests: Record<string, number>) => Object.keys(requests).filter((route) => route.startsWith('search') || route.startsWith('issue'));

/** The sandbox's webhook faults (sandbox/README.md): `dropFraction` 1 loses every delivery. */
async function setWebhookFaults(sandbox: SandboxControl, faults: { dropFraction?: number; delayMs?: number; duplicate?: boolean }) {
  const response = await fetch(`${sandbox.url}/__sandbox/webhook-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(response.ok, `webhook-faults answered ${response.status}`).toBe(true);
}

/**
 * Waits until the ticket of Jira issue `issueId` has the title `title` (or, without one, is deleted); returns when
 * Portico wrote it, in ms since the epoch.
 */
async function arrival(database: Sql, connectionId: string, issueId: string, title?: string): Promise<number> {
  let writtenAt = 0;
  await expect
    .poll(
      async () => {
        const [row] = await database<{ title: string; deleted_at: Date | null; last_synced_at: Date }[]>`
          select title, deleted_at, last_synced_at from jira_tickets where connection_id = ${connectionId} and external_id = ${issueId}`;
        const arrived = row !== undefined && (title === undefined ? row.deleted_at !== null : row.title === title);
        writtenAt = arrived ? row.last_synced_at.getTime() : 0;
        return arrived;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(true);
  return writtenAt;
}

/** Connects the main site and waits until its backfill is done and no sync job is left. */
async function connectAndSync(page: Page, database: Sql): Promise<string> {
  await startConnect(page, { site: SYNC_SITE.host });
  await expect(page.getByRole('status')).toHaveText('Jira is connected.');
  const connectionId = await connectionIdOf(page);
  await expect(syncSection(page).getByText('Up to date', { exact: true })).toBeVisible({ timeout: 150_000 });
  await waitForNoJobs(database, connectionId);
  return connectionId;
}

test('an edit in Jira arrives by webhook within 10 s with no poll in between; a deleted issue leaves the Tickets page', async ({ orgAdmin: page, sandbox, database }) => {
  test.setTimeout(300_000);
  const connectionId = await connectAndSync(page, database);
  // Registration runs in the background after the connect: the Sync section says when it is in force.
  await expect(async () => {
    await page.goto(`/settings/integrations/jira/${connectionId}`);
    await expect(webhooksGroup(page).getByText('Registered', { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await waitForNoJobs(database, connectionId, 'jira-webhook-%');
  await ticketRow(page, 'PLAT-1');

  // From the edit on, the sandbox counts every Jira request for the site: a poll would show as a search.
  await sandbox.resetCounters();
  const summary = `Edited in Jira, sent by webhook ${Date.now()}`;
  const edited = await sandbox.updateIssue('PLAT-1', { summary });
  // The delay is read from the timestamps (Jira's `updated`, Portico's write), not from how fast this test polls
  // and loads pages on a busy machine.
  const written = await arrival(database, connectionId, edited.id, summary);
  expect(written - Date.parse(edited.updated), 'ms from the edit in Jira to the ticket written in Portico').toBeLessThan(10_000);
  expect(issueReads(await siteRequests(sandbox)), 'no poll (search/jql) reached Jira between the edit and its arrival').toEqual([]);
  await expect((await ticketRow(page, 'PLAT-1')).getByText(summary)).toBeVisible();

  const doomed = await sandbox.getIssue('PLAT-2');
  const deletedAt = Date.now();
  await sandbox.deleteIssue('PLAT-2');
  const removed = await arrival(database, connectionId, doomed.id);
  expect(removed - deletedAt, 'ms from the deletion in Jira to the ticket removed in Portico').toBeLessThan(10_000);
  await expect(await ticketRowsFor(page, 'PLAT-2')).toHaveCount(0);
  expect(issueReads(await siteRequests(sandbox))).toEqual([]);

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  const webhooks = webhooksGroup(page);
  await expect(webhooks.getByText('None yet')).toHaveCount(0);
  await expect(webhooks.locator('dd').last()).not.toHaveText('0');
  await captureScreens(page, 'webhooks-e2e-state', webhooks);
});

test('Reconcile now catches a deletion no delivery reported, and the report shows the counts', async ({ orgAdmin: page, sandbox, database }) => {
  test.setTimeout(300_000);
  const connectionId = await connectAndSync(page, database);
  await setWebhookFaults(sandbox, { dropFraction: 1 });
  await ticketRow(page, 'PLAT-3');
  await sandbox.deleteIssue('PLAT-3');
  // Reconciliation judges only tickets written well before it lists Jira (search indexes lag): these were
  // synced an hour ago, as far as it is concerned.
  await database`update jira_tickets set last_synced_at = now() - interval '1 hour' where connection_id = ${connectionId}`;
  const [current] = await database<{ count: string }[]>`
    select count(*) from jira_tickets where connection_id = ${connectionId} and deleted_at is null and in_scope`;
  const inPortico = Number(current!.count);

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  const report = reconciliationGroup(page);
  await expect(report.getByText('Not reconciled yet')).toBeVisible();
  await report.getByRole('button', { name: 'Reconcile now' }).click();
  await expect(syncSection(page).getByRole('status')).toHaveText(/Reconciliation started/);
  await expect(report.getByText('Completed', { exact: true })).toBeVisible({ timeout: 60_000 });
  const counts = report.getByRole('definition');
  await expect(counts).toHaveText([(inPortico - 1).toLocaleString('en'), inPortico.toLocaleString('en'), '1', '0']);
  await expect(report.getByText('PLAT-3')).toBeVisible();
  await captureScreens(page, 'reconciliation-e2e-report', report);
  await captureScreens(page, 'reconciliation-e2e-sync-section', syncSection(page));

  await expect(await ticketRowsFor(page, 'PLAT-3')).toHaveCount(0);
});
