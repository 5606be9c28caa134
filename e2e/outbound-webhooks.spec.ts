import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver } from '../tests/webhook-receiver';
import { captureScreens, expect, expectAccessible, test } from './fixtures';
import { answerConsent, checkConnection, connectSite, statusBadge } from './jira';
import { SANDBOX_SITES } from './env';

// Deliveries wait for a job worker's poll; on a loaded machine that takes a while.
test.setTimeout(420_000);

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/**
 * The first delivery of `type` whose data has these fields, once it arrives, verified at once (Standard Webhooks
 * verifiers refuse a timestamp more than five minutes old, and this spec runs longer than that).
 */
async function delivery(receiver: Receiver, secret: string, type: string, data: Record<string, unknown>) {
  const matches = (body: string) => {
    const event = JSON.parse(body) as { type: string; data: Record<string, unknown> };
    return event.type === type && Object.entries(data).every(([key, value]) => event.data[key] === value);
  };
  await expect.poll(() => receiver.received.some((request) => matches(request.body)), { timeout: 90_000 }).toBe(true);
  const found = receiver.received.find((request) => matches(request.body))!;
  return new Webhook(secret).verify(found.body, found.headers as Record<string, string>);
}

// Portico runs with PORTICO_WEBHOOKS_ALLOW_PRIVATE=1 here (playwright.config.ts): the receiver is on 127.0.0.1.
test.describe('outbound webhooks', () => {
  test('an admin adds an endpoint, sends a test event that verifies, receives connection.needs_reconnect when the grant is revoked, and the recovery after Reconnect', async ({
    orgAdmin: page,
    sandbox,
  }) => {
    const receiver = await startWebhookReceiver(() => 200);
    try {
      const connectionId = await connectSite(page, SANDBOX_SITES.main.host);

      await page.goto('/settings/webhooks');
      await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
      await page.getByLabel('Endpoint URL').fill(`${receiver.url}/portico`);
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = (await page.getByLabel('Signing secret').textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      const card = page.getByRole('article', { name: `Endpoint ${receiver.url}/portico` });
      await expect(card.getByText('Enabled', { exact: true })).toBeVisible();

      await card.getByRole('button', { name: 'Send test event' }).click();
      await expect(card.getByRole('status')).toHaveText('Test event queued. It appears in the delivery log below.');
      await expect.poll(() => receiver.received.length, { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
      const [test] = receiver.received;
      expect(new Webhook(secret).verify(test!.body, test!.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });

      await expect(async () => {
        await card.getByRole('button', { name: 'Refresh log' }).click();
        await expect(card.getByRole('table', { name: 'Delivery log' }).getByRole('row').filter({ hasText: 'webhook.test' })).toContainText('succeeded', { timeout: 1_000 });
      }).toPass({ timeout: 60_000 });
      await expectAccessible(page);
      await captureScreens(page, 'settings-webhooks');
      await page.setViewportSize({ width: 390, height: 844 });
      await captureScreens(page, 'settings-webhooks-390');
      await page.setViewportSize({ width: 1280, height: 800 });

      // The user revokes Portico at Atlassian: the next check finds out, and the consumer hears of it.
      await page.goto(`/settings/integrations/jira/${connectionId}`);
      await sandbox.setScenario('revoked');
      await checkConnection(page);
      await expect(statusBadge(page, 'Needs reconnect')).toBeVisible();
      await expect.poll(() => receiver.received.map((request) => (JSON.parse(request.body) as { type: string }).type), { timeout: 90_000 }).toContain('connection.needs_reconnect');
      const broken = receiver.received.find((request) => request.body.includes('connection.needs_reconnect'))!;
      const event = new Webhook(secret).verify(broken.body, broken.headers as Record<string, string>);
      expect(event).toMatchObject({ type: 'connection.needs_reconnect', data: { connection_id: connectionId, reason: 'grant_refused' } });

      // While it is broken the admin runs the checks: they fail, and the consumer hears the health got worse.
      await page.getByRole('link', { name: 'Troubleshooting' }).click();
      await page.getByRole('button', { name: 'Run diagnostics again' }).click();
      await expect(page.getByRole('heading', { level: 2, name: /^\d+ of \d+ checks failed/ })).toBeVisible({ timeout: 60_000 });
      expect(await delivery(receiver, secret, 'connection.health_changed', { connection_id: connectionId, outcome: 'failure' })).toMatchObject({ type: 'connection.health_changed' });

      // Reconnect: the new consent (connection.authorized, reconnect) and the after-reconnect checks passing again
      // (connection.health_changed back to pass) both reach the receiver, signed.
      await sandbox.setScenario('default');
      await page.goto(`/settings/integrations/jira/${connectionId}`);
      await page.getByRole('button', { name: 'Reconnect' }).click();
      await answerConsent(page, { site: SANDBOX_SITES.main.host });
      await expect(statusBadge(page, 'Connected')).toBeVisible();
      expect(await delivery(receiver, secret, 'connection.authorized', { connection_id: connectionId, reconnect: true })).toMatchObject({ type: 'connection.authorized' });
      expect(await delivery(receiver, secret, 'connection.health_changed', { connection_id: connectionId, outcome: 'pass', previous_outcome: 'failure' })).toMatchObject({
        type: 'connection.health_changed',
      });
    } finally {
      await sandbox.setScenario('default');
      await receiver.close();
    }
  });
});
