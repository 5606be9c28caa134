import { SANDBOX_SITES } from './env';
import { alerts, captureScreens, expect, expectAccessible, test } from './fixtures';
import { connectSite } from './jira';

const RUN_QUEUE = 'jira-diagnostics-run';

// A connect, two colour schemes and a second user: more than the default minute on a loaded machine.
test.setTimeout(180_000);

test('Settings › Background jobs: an admin sees the organization’s failed jobs and retries a dead-lettered one; a member sees none', async ({
  orgAdmin: page,
  orgMember,
  org,
  database,
}) => {
  const connectionId = await connectSite(page, SANDBOX_SITES.main.host);
  const data = { organizationId: org.id, connectionId };
  // What pg-boss leaves when a scheduled run fails: one still retrying, one whose attempts are spent (copied to
  // the dead-letter queue the worker created at start). Written directly: no sandbox fault makes a run throw.
  await database`
    insert into pgboss.job (name, data, state, retry_count, retry_limit, start_after, started_on, output)
    values (${RUN_QUEUE}, ${database.json(data)}, 'retry', 0, 2, now() + interval '50 minutes', now() - interval '1 minute',
            ${database.json({ message: 'Jira is unavailable (HTTP 503). Portico retries on its own.', kind: 'upstream', attempts: 1 })})`;
  const [dead] = await database<{ id: string }[]>`
    insert into pgboss.job (name, data, output)
    values (${`${RUN_QUEUE}--dead-letter`}, ${database.json(data)},
            ${database.json({ message: 'The site did not answer within 30 seconds.', kind: 'timeout', attempts: 3 })})
    returning id`;

  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Background jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible();
  const rows = page.getByRole('listitem').filter({ hasText: 'Scheduled troubleshooting run' });
  await expect(rows).toHaveCount(2);
  const gaveUp = rows.filter({ hasText: 'Gave up' });
  await expect(gaveUp).toContainText('The site did not answer within 30 seconds.');
  await expect(gaveUp).toContainText('3 attempts');
  await expect(gaveUp.getByRole('link', { name: SANDBOX_SITES.main.name })).toBeVisible();
  const retrying = rows.filter({ hasText: 'Retrying' });
  await expect(retrying).toContainText('next attempt');
  await expect(retrying.getByRole('button')).toHaveCount(0);
  await expectAccessible(page);
  await captureScreens(page, 'jobs-failed');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'artifacts/screenshots/jobs-failed-390.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  await gaveUp.getByRole('button', { name: 'Retry Scheduled troubleshooting run' }).click();
  // Back in its queue: the page no longer lists it (the retrying one stays).
  await expect(gaveUp).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  const [left] = await database<{ count: string }[]>`select count(*) from pgboss.job where id = ${dead!.id}`;
  expect(Number(left!.count)).toBe(0);

  await orgMember.goto('/settings/background-jobs');
  await expect(alerts(orgMember)).toContainText('Only organization admins can see and retry failed background jobs.');
  await expect(orgMember.getByText('Scheduled troubleshooting run')).toHaveCount(0);
});
