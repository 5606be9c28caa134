import { describe, expect, it } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { reconcileConnection } from '@/lib/integrations/jira/sync/reconcile/reconcile-connection';
import { backfillToEnd } from '@/lib/integrations/jira/sync/sync-engine.testing';
import { callApi } from '@/tests/api-client';
import { connectNewSite, createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

type Sync = { webhooks: Record<string, unknown>; reconciliation: Record<string, unknown> | null };
const syncOf = (answer: { body: unknown }) => (answer.body as { sync: Sync }).sync;

describe('/api/v1 webhook state and reconciliation', () => {
  it('shows the webhook state and the latest reconciliation; Reconcile now waits for the backfill and hides other organizations', async () => {
    const { admin, orgId, connectionId } = await connectNewSite(harness, 'Reconcile API');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['MKT'] }));
    const key = (await createApiKey(orgId, admin.userId, 'backend')).secret;
    const [other] = await createOrgMembers(harness.db(), 'Other', ['admin']);
    const otherKey = (await createApiKey(other!.orgId, other!.userId, 'other')).secret;

    const first = syncOf(await callApi('GET', `/connections/${connectionId}`, { key }));
    expect(first.webhooks).toMatchObject({ status: 'not_registered', reason: expect.any(String), deliveries_last_24h: 0, last_delivery_at: null });
    expect(first.reconciliation).toBeNull();

    const refused = await callApi('POST', `/connections/${connectionId}/reconcile`, { key });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/backfill/);
    expect((await callApi('POST', `/connections/${connectionId}/reconcile`, { key: otherKey })).status).toBe(404);

    await backfillToEnd(orgId, connectionId);
    const accepted = await callApi('POST', `/connections/${connectionId}/reconcile`, { key });
    expect(accepted.status).toBe(202);
    await reconcileConnection(orgId, connectionId, { trigger: 'api', indexLagMs: 0 });
    const after = syncOf(await callApi('GET', `/connections/${connectionId}`, { key }));
    expect(after.reconciliation).toMatchObject({ state: 'completed', trigger: 'api', missing: 0, extra: 0, error: null });
    expect(after.reconciliation!.in_jira).toBe(after.reconciliation!.in_portico);
  });
});
