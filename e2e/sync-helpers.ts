import type { Locator, Page } from '@playwright/test';
import type { Sql } from './db';
import { SANDBOX_SITES } from './env';
import { expect } from './fixtures';
import type { SandboxControl } from './sandbox';

// Shared by the sync and webhook specs: the Sync section, the Tickets page, the sandbox's counts per site.

export const SYNC_SITE = SANDBOX_SITES.main;

export const syncSection = (page: Page): Locator => page.getByRole('region', { name: 'Issue sync' });
export const ticketRows = (page: Page) => page.getByRole('table').locator('tbody tr');

/** The Tickets page searched for one key; its rows naming that key (one, or none once gone). */
export async function ticketRowsFor(page: Page, key: string): Promise<Locator> {
  await page.goto(`/tickets?q=${encodeURIComponent(key)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  return ticketRows(page).filter({ has: page.getByRole('link', { name: new RegExp(`^${key}\\b`) }) });
}

/** The Tickets page searched for one key; returns its only row. */
export async function ticketRow(page: Page, key: string): Promise<Locator> {
  const row = await ticketRowsFor(page, key);
  await expect(row).toHaveCount(1);
  return row;
}

/** Jira requests the sandbox counted for the main site since the last counter reset, by route template. */
export async function siteRequests(sandbox: SandboxControl): Promise<Record<string, number>> {
  return (await sandbox.counters()).requestsBySite[SYNC_SITE.cloudId] ?? {};
}

/**
 * Waits until no job named like `jobPattern` (SQL LIKE) of this connection is queued or running: a job still
 * to run could land its Jira calls in a later step's counters.
 */
export async function waitForNoJobs(database: Sql, connectionId: string, jobPattern = 'jira-sync-%'): Promise<void> {
  await expect
    .poll(
      async () => {
        const [row] = await database<{ count: string }[]>`
          select count(*) from pgboss.job
          where name like ${jobPattern} and data->>'connectionId' = ${connectionId} and state in ('created', 'retry', 'active')`;
        return Number(row!.count);
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(0);
}
