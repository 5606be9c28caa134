// The mapping preview against the sandbox, through its real route: how many search/approximate-count
// calls one preview spends of Atlassian's per-app quota.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentMember } from '@/lib/auth/guards';
import { BIG_CLOUD_ID } from '@/sandbox/world/big-site';
import { connectNewSite, MAIN_CLOUD_ID, PORTICO_BASE_URL, setupJiraHarness } from '@/tests/jira-harness';
import { setConnection } from '../metadata/metadata.testing';
import { refreshMetadata } from '../metadata/metadata-cache';
import type { JiraMetadata } from '../metadata/types';
import { PREVIEW_LIMITS } from './plan-counts';
import type { PreviewResult } from './preview-schema';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));

const harness = setupJiraHarness();
const previewRoute = await import('@/app/api/integrations/jira/connections/[connectionId]/preview/route');

async function connect(cloudId: string, projectFilter: string[]) {
  const { admin, orgId, connectionId } = await connectNewSite(harness, `Preview${Math.random().toString(36).slice(2, 8)}`, cloudId);
  session.member = admin;
  await setConnection(harness, connectionId, { projectFilter });
  const metadata = (await refreshMetadata(orgId, connectionId, { force: true }))!;
  await harness.resetCounters();
  return { connectionId, metadata };
}

/** What the editor sends today: the filter and every status id it shows. */
async function preview(connectionId: string, projectFilter: string[], metadata: JiraMetadata) {
  const response = await previewRoute.POST(
    new Request(`${PORTICO_BASE_URL}/api/integrations/jira/connections/${connectionId}/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PORTICO_BASE_URL },
      body: JSON.stringify({ projectFilter, statusIds: metadata.statuses.map((status) => status.id) }),
    }),
    { params: Promise.resolve({ connectionId }) },
  );
  return { status: response.status, body: (await response.json()) as PreviewResult };
}

const countCalls = async () => (await harness.counters()).requests['search/approximate-count'] ?? 0;
const statusesUsedBy = (metadata: JiraMetadata, keys: string[]) =>
  new Set(metadata.statuses.filter((status) => status.usages.some((usage) => keys.includes(usage.projectKey))).map((status) => status.id));

describe('mapping preview quota', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('on big-site with a 3-project filter, counts only the statuses those projects use, then reuses the counts', async () => {
    await harness.control('scenario', { name: 'big-site' });
    const filter = ['P001', 'P002', 'P003'];
    const { connectionId, metadata } = await connect(BIG_CLOUD_ID, filter);
    const used = statusesUsedBy(metadata, filter);
    expect(used.size).toBeGreaterThan(0);

    const first = await preview(connectionId, filter, metadata);
    expect(first.status).toBe(200);
    expect(await countCalls()).toBeLessThanOrEqual(used.size);
    expect(Object.keys(first.body.counts).sort()).toEqual([...used].sort());

    await harness.resetCounters();
    const again = await preview(connectionId, filter, metadata);
    expect(await countCalls()).toBe(0);
    expect(again.body.cachedCounts).toBe(used.size);
    expect(again.body.counts).toEqual(first.body.counts);
  });

  it('leaves project keys known to be invisible out of every count instead of sending counts certain to fail', async () => {
    // SEC is hidden from the authorizing user on the main site.
    const filter = ['PLAT', 'SEC'];
    const { connectionId, metadata } = await connect(MAIN_CLOUD_ID, filter);
    expect(metadata.stats.inaccessibleProjects).toEqual(['SEC']);

    const result = await preview(connectionId, filter, metadata);
    expect(result.status).toBe(200);
    expect(result.body.hiddenProjectKeys).toEqual(['SEC']);
    expect(result.body.uncounted).toEqual([]);
    expect(await countCalls()).toBe(statusesUsedBy(metadata, ['PLAT']).size);
  });

  it('previews "All projects" (no filter) within the bound, listing what it did not count', async () => {
    const { connectionId, metadata } = await connect(MAIN_CLOUD_ID, []);
    const result = await preview(connectionId, [], metadata);
    expect(result.status).toBe(200);
    expect(result.body.issues.length).toBeGreaterThan(0);
    expect(await countCalls()).toBeLessThanOrEqual(PREVIEW_LIMITS.maxCounts);
    expect(Object.keys(result.body.counts).length + result.body.notCounted.length + result.body.uncounted.length).toBe(metadata.statuses.length);
  });

  it('with every filtered key invisible, sends no count at all', async () => {
    const { connectionId, metadata } = await connect(MAIN_CLOUD_ID, ['SEC']);
    const result = await preview(connectionId, ['SEC'], metadata);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ hiddenProjectKeys: ['SEC'], counts: {}, issues: [] });
    expect(await countCalls()).toBe(0);
  });
});
