// End to end on the database: the sandbox's own deliveries (registered by ensureWebhooks, signed by the sandbox,
// retried and faulted by it) reach the real intake (receiveDelivery behind node:http) and the job applies them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraTickets, jiraWebhookDeliveries } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { backfillToEnd } from '../sync/sync-engine.testing';
import { webhookDeliveryJob } from './delivery-job';
import { ensureWebhooks } from './ensure-webhooks';
import { receiveDelivery } from './receive-delivery';

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);

// The harness's base URL (http://portico.test) resolves nowhere: the registered URL is this process's receiver.
const receiverAddress = vi.hoisted(() => ({ url: '' }));
vi.mock('./webhook-url', () => ({ webhookUrl: () => receiverAddress.url }));
let receiver: Server;
const answers: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      void receiveDelivery(new Request(receiverAddress.url, { method: 'POST', headers, body: Buffer.concat(chunks) })).then((answer) => {
        answers.push(answer.status);
        res.statusCode = answer.status;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverAddress.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/jira`;
  await engine.start({ jobs: [webhookDeliveryJob], schedules: [] });
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

type SandboxIssue = { id: string; key: string; updated: string };
const patchIssue = async (key: string, body: unknown) =>
  (await (await fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as SandboxIssue;
const deleteIssue = (key: string) => fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, { method: 'DELETE' });
const flush = () => harness.control<{ counters: Record<string, number> }>('webhook-deliveries/flush', {});
const ticketByKey = async (connectionId: string, key: string) =>
  (await harness.db().select().from(jiraTickets).where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.key, key))))[0];
const outcomes = async (connectionId: string) =>
  (await harness.db().select({ outcome: jiraWebhookDeliveries.outcome }).from(jiraWebhookDeliveries).where(eq(jiraWebhookDeliveries.connectionId, connectionId))).map((row) => row.outcome);

describe('sandbox deliveries through the real intake', () => {
  it('an edit, a duplicate and a deletion in the sandbox reach the tickets, each applied once, without a poll', async () => {
    await harness.resetSandbox();
    const { orgId, connectionId } = await connectNewSite(harness, 'Intake end to end');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
    await backfillToEnd(orgId, connectionId);
    expect(await ensureWebhooks(orgId, connectionId)).toMatch(/registered|unchanged/);
    await harness.resetCounters();

    const edited = await patchIssue('PLAT-7', { summary: 'Changed in Jira, pushed by webhook' });
    await harness.control('webhook-faults', { duplicate: true });
    await patchIssue('PLAT-8', { summary: 'Delivered twice' });
    await harness.control('webhook-faults', { duplicate: false });
    await deleteIssue('PLAT-9');
    await flush();
    await engine.drain();

    expect(answers.every((status) => status === 200 || status === 202)).toBe(true);
    expect(await ticketByKey(connectionId, 'PLAT-7')).toMatchObject({ title: 'Changed in Jira, pushed by webhook', jiraUpdatedAt: new Date(edited.updated), deletedAt: null });
    expect(await ticketByKey(connectionId, 'PLAT-8')).toMatchObject({ title: 'Delivered twice' });
    expect((await ticketByKey(connectionId, 'PLAT-9'))?.deletedAt).toBeInstanceOf(Date);
    expect((await outcomes(connectionId)).sort()).toEqual(['applied', 'applied', 'applied']);
    // No Jira search happened: the changes came by webhook alone.
    const { requests } = await harness.counters();
    expect(Object.entries(requests).filter(([route]) => route.startsWith('search'))).toEqual([]);
  }, 120_000);
});
