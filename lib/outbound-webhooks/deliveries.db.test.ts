import { and, eq, sql } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { recordActivity } from '@/db/queries/connection-activity';
import { connectionEvents, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '@/db/schema';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { closedPort, startWebhookReceiver } from '@/tests/webhook-receiver';
import { attemptDelivery, deliverWebhookJob } from './deliver-webhook';
import { dispatchPendingEvents } from './dispatch-events';
import { createEndpoint, rotateSecret } from './manage-endpoints';

// Local receivers live on 127.0.0.1: this file runs in the documented development mode. The default mode's
// refusals are proven in ssrf.db.test.ts.
process.env.PORTICO_WEBHOOKS_ALLOW_PRIVATE = '1';

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);
const receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[] = [];
afterAll(() => Promise.all(receivers.map((receiver) => receiver.close())));

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]) {
  const started = await startWebhookReceiver(respond);
  receivers.push(started);
  return started;
}

async function orgWithEndpoint(name: string, url: string) {
  const [admin] = await createOrgMembers(harness.db(), name, ['admin']);
  const created = await createEndpoint(admin!.orgId, { url, event_types: ['connection.created', 'mapping.saved'], description: '' }, { userId: admin!.userId, apiKeyId: null });
  if (!created.ok) throw new Error(created.problem.message);
  return { orgId: admin!.orgId, endpointId: created.endpoint.id, secret: created.secret };
}

async function emit(orgId: string, action = 'created_by_api') {
  await harness.db().transaction((tx) => recordActivity(tx, { organizationId: orgId, connectionId: null, action, detail: {} }));
}

async function deliveryOf(endpointId: string) {
  const [row] = await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  return row!;
}

/** The job engine's clock, moved instead of waiting: every scheduled attempt becomes due now. */
async function makeScheduledAttemptsDue() {
  await harness.db().execute(sql`update pgboss.job set start_after = now() where name = ${deliverWebhookJob.name} and state = 'created'`);
}

describe('outbound webhook deliveries', () => {
  it('retries on 500 through the job engine and stops at the first 2xx; every attempt has the same webhook-id', async () => {
    const target = await receiver((_, index) => (index < 2 ? 500 : 204));
    const { orgId, endpointId } = await orgWithEndpoint('Retry 500', `${target.url}/hook`);
    const worker = await engine.start({ jobs: [deliverWebhookJob], schedules: [] });
    await emit(orgId);
    expect(await dispatchPendingEvents()).toBeGreaterThanOrEqual(1);

    await engine.drain({ dueOnly: true });
    expect(await deliveryOf(endpointId)).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 500 });
    expect(await engine.pending([deliverWebhookJob.name])).toEqual({ [deliverWebhookJob.name]: 1 });

    await makeScheduledAttemptsDue();
    await engine.drain({ dueOnly: true });
    await makeScheduledAttemptsDue();
    await engine.drain();
    await worker.stop();

    expect(await deliveryOf(endpointId)).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204 });
    expect(await engine.pending([deliverWebhookJob.name])).toEqual({});
    expect(target.received).toHaveLength(3);
    expect(new Set(target.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    const attempts = await harness.db().select().from(webhookDeliveryAttempts).orderBy(webhookDeliveryAttempts.attempt);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.outcome, attempt.statusCode])).toEqual([
      [1, 'http_error', 500],
      [2, 'http_error', 500],
      [3, 'success', 204],
    ]);
  });

  it('a timeout and a refused connection are retried; a 2xx is never sent again', async () => {
    const hanging = await receiver(() => 'hang');
    const timeoutOrg = await orgWithEndpoint('Retry timeout', hanging.url);
    const refusedOrg = await orgWithEndpoint('Retry refused', `http://127.0.0.1:${await closedPort()}/`);
    const okTarget = await receiver(() => 200);
    const okOrg = await orgWithEndpoint('No retry', okTarget.url);
    for (const org of [timeoutOrg, refusedOrg, okOrg]) await emit(org.orgId);
    await dispatchPendingEvents();

    const attempt = async (endpointId: string) => attemptDelivery({ organizationId: (await deliveryOf(endpointId)).organizationId, deliveryId: (await deliveryOf(endpointId)).id, attempt: 1 }, { timeoutMs: 300 });
    expect(await attempt(timeoutOrg.endpointId)).toBe('retry_scheduled');
    expect(await deliveryOf(timeoutOrg.endpointId)).toMatchObject({ status: 'retrying', lastError: 'timeout' });
    expect(await attempt(refusedOrg.endpointId)).toBe('retry_scheduled');
    expect(await deliveryOf(refusedOrg.endpointId)).toMatchObject({ status: 'retrying', lastError: 'connection_refused' });
    expect(await attempt(okOrg.endpointId)).toBe('sent');
    // The same attempt again (a duplicate job) sends nothing.
    expect(await attempt(okOrg.endpointId)).toBe('skipped');
    expect(okTarget.received).toHaveLength(1);
    const [next] = await harness.db().execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${deliverWebhookJob.name} and state = 'created' and data->>'attempt' = '2' and data->>'deliveryId' = ${(await deliveryOf(okOrg.endpointId)).id}`,
    );
    expect(next!.n).toBe(0);
  });

  it("Portico's signature verifies with the standardwebhooks verifier; a tampered body fails; both secrets verify during a rotation", async () => {
    const target = await receiver(() => 200);
    const { orgId, endpointId, secret } = await orgWithEndpoint('Signature', target.url);
    await emit(orgId);
    await dispatchPendingEvents();
    const delivery = await deliveryOf(endpointId);
    await attemptDelivery({ organizationId: orgId, deliveryId: delivery.id, attempt: 1 });
    const [request] = target.received;
    const headers = request!.headers as Record<string, string>;
    expect(new Webhook(secret).verify(request!.body, headers)).toMatchObject({ type: 'connection.created', data: { organization_id: orgId } });
    expect(() => new Webhook(secret).verify(request!.body.replace('connection.created', 'connection.deleted'), headers)).toThrow(WebhookVerificationError);
    expect(JSON.stringify(request)).not.toContain(secret.slice(6));

    const rotated = await rotateSecret(orgId, endpointId, 24);
    await emit(orgId);
    await dispatchPendingEvents();
    const [, second] = await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.createdAt);
    await attemptDelivery({ organizationId: orgId, deliveryId: second!.id, attempt: 1 });
    const signed = target.received[1]!;
    for (const key of [secret, rotated!.secret]) expect(() => new Webhook(key).verify(signed.body, signed.headers as Record<string, string>)).not.toThrow();
  });

  it('an endpoint created after an event never receives it, even when the event was still waiting for the dispatcher', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Late endpoint', ['admin']);
    await emit(admin!.orgId);
    const late = await receiver(() => 200);
    const created = await createEndpoint(admin!.orgId, { url: late.url, event_types: ['connection.created'], description: '' }, { userId: admin!.userId, apiKeyId: null });
    if (!created.ok) throw new Error(created.problem.message);
    await dispatchPendingEvents();
    expect(await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.endpoint.id))).toHaveLength(0);
    await emit(admin!.orgId);
    await dispatchPendingEvents();
    expect(await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.endpoint.id))).toHaveLength(1);
  });

  it("another organization's endpoint never receives this organization's events", async () => {
    const mine = await receiver(() => 200);
    const theirs = await receiver(() => 200);
    const me = await orgWithEndpoint('Isolation mine', mine.url);
    const them = await orgWithEndpoint('Isolation theirs', theirs.url);
    const worker = await engine.start({ jobs: [deliverWebhookJob], schedules: [] });
    for (let index = 0; index < 5; index += 1) await emit(me.orgId, index % 2 ? 'created_by_api' : 'config_saved');
    await dispatchPendingEvents();
    // Due only: earlier tests left retries scheduled for later, which this test does not wait for.
    await engine.drain({ dueOnly: true });
    await worker.stop();
    expect(mine.received).toHaveLength(5);
    expect(theirs.received).toHaveLength(0);
    const theirDeliveries = await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.organizationId, them.orgId));
    expect(theirDeliveries).toHaveLength(0);
  });

  it('an endpoint failing for a day is disabled, and that is recorded as an event for the admins', async () => {
    const target = await receiver(() => 503);
    const { orgId, endpointId } = await orgWithEndpoint('Auto-disable', target.url);
    await harness.db().update(webhookEndpoints).set({ consecutiveFailures: 20, failingSince: sql`now() - interval '25 hours'` }).where(eq(webhookEndpoints.id, endpointId));
    await emit(orgId);
    await dispatchPendingEvents();
    await attemptDelivery({ organizationId: orgId, deliveryId: (await deliveryOf(endpointId)).id, attempt: 1 });
    const [endpoint] = await harness.db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'failing_for_a_day' });
    const disabled = await harness
      .db()
      .select({ payload: connectionEvents.payload })
      .from(connectionEvents)
      .where(and(eq(connectionEvents.organizationId, orgId), eq(connectionEvents.type, 'webhook_endpoint.disabled')));
    expect(disabled).toEqual([{ payload: { endpoint_id: endpointId, reason: 'failing_for_a_day', url: target.url } }]);
    // A disabled endpoint gets no new deliveries.
    await emit(orgId);
    await dispatchPendingEvents();
    expect(await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))).toHaveLength(1);
  });
});
