import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recordActivity } from '@/db/queries/connection-activity';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { startWebhookReceiver } from '@/tests/webhook-receiver';
import { OPEN_AFTER_FAILURES } from './circuit-breaker';
import { attemptDelivery, deliverWebhookJob } from './deliver-webhook';
import { dispatchPendingEvents } from './dispatch-events';
import { createEndpoint } from './manage-endpoints';

// Local receivers live on 127.0.0.1: the documented development mode (ssrf.db.test.ts proves the default).
process.env.PORTICO_WEBHOOKS_ALLOW_PRIVATE = '1';

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);
const receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[] = [];
afterAll(() => Promise.all(receivers.map((receiver) => receiver.close())));

async function receiver(respond: Parameters<typeof startWebhookReceiver>[0]) {
  const started = await startWebhookReceiver(respond);
  receivers.push(started);
  return started;
}

/** An endpoint in an organization of its own; `failing` gives it a streak of failed attempts that began then. */
async function endpoint(name: string, url: string, failing?: { since: 'now' | 'an hour ago' }) {
  const [admin] = await createOrgMembers(harness.db(), name, ['admin']);
  const created = await createEndpoint(admin!.orgId, { url, event_types: ['connection.created'], description: '' }, { userId: admin!.userId, apiKeyId: null });
  if (!created.ok) throw new Error(created.problem.message);
  if (failing) {
    const since = failing.since === 'now' ? sql`now()` : sql`now() - interval '1 hour'`;
    await harness.db().update(webhookEndpoints).set({ consecutiveFailures: OPEN_AFTER_FAILURES, failingSince: since }).where(eq(webhookEndpoints.id, created.endpoint.id));
  }
  return { orgId: admin!.orgId, endpointId: created.endpoint.id };
}

async function emit(orgId: string, count: number) {
  const entries = Array.from({ length: count }, () => ({ organizationId: orgId, connectionId: null, action: 'created_by_api', detail: {} }));
  await harness.db().transaction((tx) => recordActivity(tx, entries));
}

const deliveriesOf = (endpointId: string) => harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

/** Polls (a wait, not an assertion) until the endpoint has `count` succeeded deliveries. */
async function untilSucceeded(endpointId: string, count: number) {
  const deadline = Date.now() + 50_000;
  for (;;) {
    const done = await harness
      .db()
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'succeeded')));
    if (done.length >= count) return;
    if (Date.now() > deadline) throw new Error(`${done.length} of ${count} deliveries succeeded`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the circuit breaker of a failing endpoint', () => {
  it("a hanging endpoint's deliveries cannot occupy the worker's slots: one probe goes out, the rest wait, and the healthy endpoint's all go through", async () => {
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver(() => 204);
    const failing = await endpoint('Breaker hanging', hanging.url, { since: 'an hour ago' });
    const fine = await endpoint('Breaker healthy', healthy.url);
    // The failing endpoint's deliveries are queued first, more of them than the worker has slots (4).
    await emit(failing.orgId, 8);
    await dispatchPendingEvents();
    await emit(fine.orgId, 8);
    await dispatchPendingEvents();

    const worker = await engine.start({ jobs: [deliverWebhookJob], schedules: [] });
    await untilSucceeded(fine.endpointId, 8);
    // The probe still hangs (a 10 s timeout): it is the only request the failing endpoint received.
    expect(hanging.received).toHaveLength(1);
    expect(healthy.received).toHaveLength(8);
    const held = (await deliveriesOf(failing.endpointId)).filter((delivery) => delivery.lastError === 'circuit_open');
    expect(held).toHaveLength(7);
    for (const delivery of held) {
      expect(delivery).toMatchObject({ attempts: 0, status: 'pending' });
      expect(delivery.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    }
    expect(await engine.pending([deliverWebhookJob.name], true)).toEqual({ [deliverWebhookJob.name]: 1 });

    // The consumer drops the connection: the probe fails, and the held deliveries stay scheduled for later.
    await hanging.close();
    await engine.drain({ dueOnly: true });
    await worker.stop();
    const attempted = (await deliveriesOf(failing.endpointId)).filter((delivery) => delivery.attempts > 0);
    expect(attempted).toHaveLength(1);
    expect(attempted[0]).toMatchObject({ status: 'retrying', attempts: 1 });
  });

  it('while the circuit is open nothing is sent and no attempt is counted; an admin\'s redeliver or test event goes anyway', async () => {
    const target = await receiver(() => 500);
    const { orgId, endpointId } = await endpoint('Breaker open', target.url, { since: 'now' });
    await emit(orgId, 1);
    await dispatchPendingEvents();
    const [delivery] = await deliveriesOf(endpointId);

    expect(await attemptDelivery({ organizationId: orgId, deliveryId: delivery!.id, attempt: 1 })).toBe('deferred');
    expect(target.received).toHaveLength(0);
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ attempts: 0, lastError: 'circuit_open' });
    const [again] = await harness.db().execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${deliverWebhookJob.name} and state = 'created' and start_after > now() and data->>'deliveryId' = ${delivery!.id} and data->>'attempt' = '1'`,
    );
    expect(again!.n).toBe(1);

    expect(await attemptDelivery({ organizationId: orgId, deliveryId: delivery!.id, attempt: 1, manual: true })).toBe('retry_scheduled');
    expect(target.received).toHaveLength(1);
  });

  it("a probe's success closes the circuit", async () => {
    const target = await receiver(() => 200);
    const { orgId, endpointId } = await endpoint('Breaker recovers', target.url, { since: 'an hour ago' });
    await emit(orgId, 1);
    await dispatchPendingEvents();
    const [delivery] = await deliveriesOf(endpointId);
    expect(await attemptDelivery({ organizationId: orgId, deliveryId: delivery!.id, attempt: 1 })).toBe('sent');
    const [row] = await harness.db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(row).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });
});
