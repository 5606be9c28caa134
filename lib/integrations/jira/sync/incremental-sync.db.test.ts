import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraTickets } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { runBackfillStep } from './backfill-step';
import { runIncrementalStep } from './incremental-step';
import { backfillToEnd } from './sync-engine.testing';

const harness = setupJiraHarness();

type SandboxIssue = { id: string; key: string; summary: string; projectKey: string; status: { id: string }; updated: string };
const edit = (key: string, patch: Record<string, unknown>) =>
  fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) }).then(
    async (response) => (await response.json()) as SandboxIssue,
  );
const move = (key: string, projectKey: string) => harness.control<SandboxIssue>(`issues/${key}/move`, { projectKey });
const ticket = async (connectionId: string, externalId: string) =>
  (await harness.db().select().from(jiraTickets).where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.externalId, externalId))))[0];

async function synced(name: string, filter: string[]) {
  const site = await connectNewSite(harness, name);
  await updateJiraConfig(site.orgId, site.connectionId, null, (config) => ({ ...config, projectFilter: filter }));
  return site;
}

describe('incremental sync', () => {
  it('brings issues edited during the backfill to their latest version, on pages read before and after the edit', async () => {
    await harness.control('issues/generate', { projectKey: 'PLAT', count: 400 });
    const { orgId, connectionId } = await synced('Edits during backfill', ['PLAT']);
    const start = await runBackfillStep(orgId, connectionId);
    expect(start.kind).toBe('segments');
    await runBackfillStep(orgId, connectionId, 0);
    await runBackfillStep(orgId, connectionId, 0);
    // PLAT-1 was on a page already read; PLAT-350 on one still to come. Edit both, twice.
    const edited: SandboxIssue[] = [];
    for (const key of ['PLAT-1', 'PLAT-350']) {
      await edit(key, { summary: `${key} first edit` });
      edited.push(await edit(key, { summary: `${key} latest edit`, priority: '1' }));
    }
    await backfillToEnd(orgId, connectionId);
    expect(await runIncrementalStep(orgId, connectionId)).toMatchObject({ kind: 'synced' });
    for (const issue of edited) {
      expect(await ticket(connectionId, issue.id)).toMatchObject({
        title: issue.summary,
        priorityId: '1',
        jiraUpdatedAt: new Date(issue.updated),
        inScope: true,
      });
    }
  });

  it('picks up an edit on the next poll, and an issue moved out of the filtered projects stops being current', async () => {
    const { orgId, connectionId } = await synced('Moved out', ['PLAT', 'MOB']);
    await backfillToEnd(orgId, connectionId);
    const changed = await edit('PLAT-2', { summary: 'Changed in Jira' });
    const moved = await move('PLAT-3', 'OPS');
    const movedIn = await move('HELP-1', 'MOB');
    const outcome = await runIncrementalStep(orgId, connectionId);
    expect(outcome).toMatchObject({ kind: 'synced', movedOut: 1 });
    expect(await ticket(connectionId, changed.id)).toMatchObject({ title: 'Changed in Jira', inScope: true });
    expect(await ticket(connectionId, moved.id)).toMatchObject({ inScope: false });
    expect(await ticket(connectionId, movedIn.id)).toMatchObject({ key: movedIn.key, projectKey: 'MOB', inScope: true });
    // Moved back: current again, under its new key.
    const back = await move(moved.key, 'PLAT');
    await runIncrementalStep(orgId, connectionId);
    expect(await ticket(connectionId, back.id)).toMatchObject({ key: back.key, projectKey: 'PLAT', inScope: true });
  });

  it('backfills only the added projects when the filter grows', async () => {
    const { orgId, connectionId } = await synced('Filter grows', ['PLAT']);
    await backfillToEnd(orgId, connectionId);
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT', 'MKT'] }));
    expect(await runIncrementalStep(orgId, connectionId)).toEqual({ kind: 'backfill_needed' });
    await harness.resetCounters();
    await backfillToEnd(orgId, connectionId);
    const rows = await harness.db().select({ project: jiraTickets.projectKey }).from(jiraTickets).where(eq(jiraTickets.connectionId, connectionId));
    expect(new Set(rows.map((row) => row.project))).toEqual(new Set(['PLAT', 'MKT']));
    expect(await runIncrementalStep(orgId, connectionId)).toMatchObject({ kind: 'synced' });
  });
});
