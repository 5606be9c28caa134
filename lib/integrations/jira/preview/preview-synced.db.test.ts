// The mapping preview once issue sync holds the connection's tickets: it answers from PostgreSQL with
// 0 Jira calls (counted at the sandbox), and keeps counting in Jira while the backfill is incomplete.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraSyncStates, jiraTickets } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { connectNewSite, PORTICO_BASE_URL, setupJiraHarness } from '@/tests/jira-harness';
import { refreshMetadata } from '../metadata/metadata-cache';
import { runBackfillStep } from '../sync/backfill-step';
import { backfillToEnd } from '../sync/sync-engine.testing';
import type { PreviewResult } from './preview-schema';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));

const harness = setupJiraHarness();
const previewRoute = await import('@/app/api/integrations/jira/connections/[connectionId]/preview/route');

async function connect(name: string, projectFilter: string[]) {
  const { admin, orgId, connectionId } = await connectNewSite(harness, name);
  session.member = admin;
  await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter }));
  await refreshMetadata(orgId, connectionId, { force: true });
  return { orgId, connectionId };
}

async function preview(connectionId: string, projectFilter: string[]) {
  const response = await previewRoute.POST(
    new Request(`${PORTICO_BASE_URL}/api/integrations/jira/connections/${connectionId}/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PORTICO_BASE_URL },
      body: JSON.stringify({ projectFilter, statusIds: [] }),
    }),
    { params: Promise.resolve({ connectionId }) },
  );
  return { status: response.status, body: (await response.json()) as PreviewResult };
}

/** Every request the sandbox served, Jira API and OAuth routes alike. */
const sandboxCalls = async () => Object.values((await harness.counters()).requests).reduce((sum, n) => sum + n, 0);
const countCalls = async () => (await harness.counters()).requests['search/approximate-count'] ?? 0;

/** The synced tickets per status id, computed here from the rows: current ones only, within the keys. */
async function ticketsPerStatus(connectionId: string, keys: string[]) {
  const rows = await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, connectionId));
  const counts: Record<string, number> = {};
  for (const row of rows) {
    if (row.deletedAt || !row.inScope || !keys.includes(row.projectKey)) continue;
    counts[row.statusId] = (counts[row.statusId] ?? 0) + 1;
  }
  return counts;
}

describe('mapping preview from synced tickets', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('after a completed backfill, answers from the synced tickets with 0 Jira calls, per status for the filter', async () => {
    const { orgId, connectionId } = await connect('Synced preview', ['PLAT', 'MOB']);
    expect(await backfillToEnd(orgId, connectionId)).toMatchObject({ kind: 'page', backfillDone: true });
    // A deleted ticket and one that left the filter are no longer current: the preview must not count them.
    const [gone, moved] = await harness
      .db()
      .select({ id: jiraTickets.id })
      .from(jiraTickets)
      .where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.projectKey, 'PLAT')))
      .limit(2);
    await harness.db().update(jiraTickets).set({ deletedAt: new Date() }).where(eq(jiraTickets.id, gone!.id));
    await harness.db().update(jiraTickets).set({ inScope: false }).where(eq(jiraTickets.id, moved!.id));
    await harness.resetCounters();

    const plat = await preview(connectionId, ['PLAT']);
    expect(plat.status).toBe(200);
    expect(await sandboxCalls()).toBe(0);
    expect(plat.body.source).toBe('synced_tickets');
    expect(plat.body.counts).toEqual(await ticketsPerStatus(connectionId, ['PLAT']));
    expect(Object.keys(plat.body.counts).length).toBeGreaterThan(0);
    expect(plat.body.issues.length).toBeGreaterThan(0);
    expect(plat.body.issues.every((issue) => issue.projectKey === 'PLAT')).toBe(true);

    const both = await preview(connectionId, ['PLAT', 'MOB']);
    expect(both.body.counts).toEqual(await ticketsPerStatus(connectionId, ['PLAT', 'MOB']));
    expect(await sandboxCalls()).toBe(0);
  });

  it('while the backfill is incomplete, still counts in Jira', async () => {
    const { orgId, connectionId } = await connect('Backfilling preview', ['PLAT']);
    // The first step begins the backfill; its segments have not been read yet.
    expect(await runBackfillStep(orgId, connectionId)).toMatchObject({ kind: 'segments' });
    const [state] = await harness.db().select().from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId));
    expect(state).toMatchObject({ phase: 'backfill', backfillCompletedAt: null });
    await harness.resetCounters();

    const result = await preview(connectionId, ['PLAT']);
    expect(result.status).toBe(200);
    expect(result.body.source).toBe('jira_approximate_count');
    expect(await countCalls()).toBeGreaterThan(0);
    expect(Object.keys(result.body.counts).length).toBeGreaterThan(0);
  });

  it('counts in Jira for a draft filter reaching beyond the synced projects', async () => {
    const { orgId, connectionId } = await connect('Grown filter preview', ['PLAT']);
    await backfillToEnd(orgId, connectionId);
    await harness.resetCounters();

    const result = await preview(connectionId, ['PLAT', 'MOB']);
    expect(result.status).toBe(200);
    expect(result.body.source).toBe('jira_approximate_count');
    expect(await countCalls()).toBeGreaterThan(0);
  });
});
