import type { Page } from '@playwright/test';
import { E2E } from './env';
import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { seedSyncedSite } from './tickets-seed';

const ticketRows = (page: Page) => page.getByRole('table').locator('tbody tr');


test('the Tickets page lists synced tickets with standard and Jira statuses; filters, search and pages work; a member reads it', async ({
  orgAdmin: page,
  orgMember,
  org,
}) => {
  test.setTimeout(180_000);
  // 120 tickets: ticket n is PROJECT-n with PROJECT = [OPS, PLAT, MOB][n % 3], Jira status [To Do, In Progress, Done, Waiting for customer][n % 4].
  await seedSyncedSite(org.id, 'acme-seeded', 120);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '120 tickets' })).toBeVisible();
  await expect(ticketRows(page)).toHaveCount(50);

  // Newest first: tickets 1 to 3 share the newest update time. PLAT-1 (In Progress → IN_PROGRESS), its key
  // linking to Jira in a new tab.
  const first = ticketRows(page).filter({ has: page.getByRole('link', { name: /PLAT-1\b/ }) });
  await expect(ticketRows(page).nth(3).getByRole('link', { name: /PLAT-1\b|MOB-2\b|OPS-3\b/ })).toHaveCount(0);
  const key = first.getByRole('link', { name: /PLAT-1\b/ });
  await expect(key).toHaveAttribute('href', 'https://acme-seeded.atlassian.net/browse/PLAT-1');
  await expect(key).toHaveAttribute('target', '_blank');
  await expect(key).toHaveAttribute('rel', /noopener/);
  await expect(first.getByText('In progress', { exact: true })).toBeVisible();
  await expect(first.getByText('Jira: In Progress')).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'tickets');

  // Pages: older, then back to newer.
  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(page.getByRole('link', { name: '← Newer' })).toBeVisible();
  const secondPageFirstKey = await ticketRows(page).first().getByRole('link').first().textContent();
  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(ticketRows(page)).toHaveCount(20);
  await expect(page.getByRole('link', { name: 'Older →' })).toHaveCount(0);
  await page.getByRole('link', { name: '← Newer' }).click();
  await expect(ticketRows(page).first().getByRole('link').first()).toHaveText(secondPageFirstKey!);

  // A standard status filter, kept in the URL: Done is CLOSED for n % 4 == 2, 30 tickets.
  await page.getByRole('link', { name: 'Clear' }).click();
  await page.getByLabel('Standard status').selectOption({ label: 'Closed' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]status=CLOSED/);
  await expect(page.getByRole('status').filter({ hasText: '30 tickets match these filters' })).toBeVisible();
  await expect(ticketRows(page).getByText('Jira: Done')).toHaveCount(30);

  // The same link in another browser (the member's) shows the same list: the filters live in the URL.
  await orgMember.goto(page.url());
  await expect(orgMember.getByRole('status').filter({ hasText: '30 tickets match these filters' })).toBeVisible();

  // Search by key, then by words of the summary, with a project.
  await page.getByLabel('Standard status').selectOption({ label: 'Any status' });
  await page.getByLabel('Search by key or summary').fill('ops-12');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(ticketRows(page)).toHaveCount(1);
  await expect(ticketRows(page).first().getByRole('link', { name: /OPS-12\b/ })).toBeVisible();
  await page.getByLabel('Search by key or summary').fill('billing');
  await page.getByLabel('Project').selectOption('MOB');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/project=MOB/);
  // n % 10 == 1 (billing) and n % 3 == 2 (MOB): n = 11, 41, 71, 101.
  await expect(ticketRows(page)).toHaveCount(4);

  // Nothing matches: the empty state says what to do.
  await page.getByLabel('Search by key or summary').fill('no such words');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('heading', { name: 'No tickets match these filters' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(ticketRows(page)).toHaveCount(50);

  // A phone's width: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(ticketRows(page)).toHaveCount(50);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${E2E.screenshots}/tickets-390.png`, fullPage: false });
});

test('without a connection the Tickets page sends an admin to connect Jira, and a member to an admin', async ({ orgAdmin: page, orgMember }) => {
  await page.goto('/tickets');
  await expect(page.getByRole('heading', { name: 'No Jira site is connected yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Connect Jira', exact: true })).toHaveAttribute('href', '/settings/integrations');
  await orgMember.goto('/tickets');
  await expect(orgMember.getByText(/Ask an admin of .* to connect Jira/)).toBeVisible();
});

test('the Sync section shows the backfill’s progress and counts; an admin pauses, resumes and sets the interval; a member only reads', async ({
  orgAdmin: page,
  orgMember,
  org,
}) => {
  test.setTimeout(180_000);
  const connectionId = await seedSyncedSite(org.id, 'acme-backfill', 40, { backfill: { done: 12_400, totalEstimate: 40_000 } });
  await page.goto(`/tickets`);
  await expect(page.getByRole('progressbar', { name: 'First sync of acme-backfill' })).toHaveAttribute('aria-valuetext', '12,400 of about 40,000 issues');

  await page.goto(`/settings/integrations/jira/${connectionId}`);
  const section = page.getByRole('region', { name: 'Issue sync' });
  await expect(section.getByText('Backfilling', { exact: true })).toBeVisible();
  await expect(section.getByRole('progressbar', { name: 'Backfill progress' })).toHaveAttribute('aria-valuenow', '31');
  await expect(section.getByText('12,400 of about 40,000 issues')).toBeVisible();
  // Counts by standard status link to the Tickets page, filtered: 40 tickets, 10 per Jira status.
  await expect(section.getByRole('list', { name: 'Tickets by standard status' }).getByRole('link')).toHaveCount(4);
  await expectAccessible(page);
  await captureScreens(page, 'sync-section', section);

  // The interval: refused outside 1 minute to 24 hours, with the reason; saved inside.
  const amount = section.getByLabel('Sync every');
  await amount.fill('0');
  await section.getByRole('button', { name: 'Save interval' }).click();
  await expect(section.getByRole('alert')).toHaveText('The shortest interval is 1 minute.');
  await amount.fill('25');
  await section.getByLabel('Unit').selectOption('hours');
  await section.getByRole('button', { name: 'Save interval' }).click();
  await expect(section.getByRole('alert')).toHaveText('The longest interval is 24 hours.');
  await amount.fill('30');
  await section.getByLabel('Unit').selectOption('minutes');
  await section.getByRole('button', { name: 'Save interval' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved: the sync now runs every 30 minutes' })).toBeVisible();
  await expect(section.getByText('30 min', { exact: true })).toBeVisible();

  // Pause: the state says so and Sync now waits for Resume.
  await section.getByRole('button', { name: 'Pause' }).click();
  await expect(section.getByText('Paused', { exact: true })).toBeVisible();
  await expect(section.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await expect(section.getByText(/Portico makes no Jira call for this site until/).first()).toBeVisible();
  await section.getByRole('button', { name: 'Resume' }).click();
  await expect(section.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(section.getByRole('button', { name: 'Sync now' })).toBeEnabled();

  await section.getByRole('list', { name: 'Tickets by standard status' }).getByRole('link', { name: /Closed/ }).click();
  await expect(page).toHaveURL(new RegExp(`connection=${connectionId}.*status=CLOSED`));
  await expect(ticketRows(page)).toHaveCount(10);

  // A member sees the state, not the controls.
  await orgMember.goto(`/settings/integrations/jira/${connectionId}`);
  const memberSection = orgMember.getByRole('region', { name: 'Issue sync' });
  await expect(memberSection.getByText('Only admins can start, pause or schedule the sync.')).toBeVisible();
  await expect(memberSection.getByRole('button')).toHaveCount(0);
});
