import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraSyncStates, jiraTickets } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { runIncrementalStep } from './incremental-step';
import { backfillToEnd } from './sync-engine.testing';

// The authorizing user lives in Pacific/Kiritimati (UTC+14): Jira reads JQL dates 14 hours ahead of UTC.
const harness = setupJiraHarness({ scenario: 'far-time-zone' });
const HOUR = 3600;

type SandboxIssue = { id: string; summary: string; updated: string };
async function editAt(offsetSecs: number, key: string, summary: string): Promise<SandboxIssue> {
  await harness.control('knobs', { clockOffsetSecs: offsetSecs });
  const response = await fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ summary }),
  });
  await harness.control('knobs', { clockOffsetSecs: 0 });
  return (await response.json()) as SandboxIssue;
}

const title = async (connectionId: string, id: string) =>
  (await harness.db().select({ title: jiraTickets.title }).from(jiraTickets).where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.externalId, id))))[0]?.title;

/**
 * Edits at -12 h and -6 h, a poll (its cursor is now at least the -6 h edit), an edit now, a poll. Read in
 * the right zone the second poll reads exactly the issues changed since the cursor minus 2 minutes, counted
 * here with a zone-free JQL (epoch milliseconds). Dates sent as UTC would be read 14 h early in Kiritimati
 * (the -12 h edit and others again), and 11 h late in Pago Pago (the new edit missed).
 */
async function pollsAcrossZones(name: string) {
  const { orgId, connectionId } = await connectNewSite(harness, name);
  await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
  await backfillToEnd(orgId, connectionId);
  await editAt(-12 * HOUR, 'PLAT-4', `${name}: twelve hours ago`);
  await editAt(-6 * HOUR, 'PLAT-5', `${name}: six hours ago`);
  const first = await runIncrementalStep(orgId, connectionId);
  if (first.kind !== 'synced') throw new Error(`first poll: ${first.kind}`);
  const now = await editAt(0, 'PLAT-6', `${name}: now`);
  const { jiraClientForConnection } = await import('../connection-client');
  const from = Math.floor((first.cursor.getTime() - 120_000) / 60_000) * 60_000;
  const expected = await (await jiraClientForConnection(orgId, connectionId)).approximateCount(`project = PLAT AND updated >= ${from}`);
  const second = await runIncrementalStep(orgId, connectionId);
  return { orgId, connectionId, second, now, expected };
}

describe('incremental sync in the Jira user’s time zone', () => {
  it('stores myself.timeZone and reads exactly the changes since the cursor for a user at UTC+14', async () => {
    const { connectionId, second, now, expected } = await pollsAcrossZones('Kiritimati');
    const [state] = await harness.db().select({ zone: jiraSyncStates.jiraTimeZone }).from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId));
    expect(state?.zone).toBe('Pacific/Kiritimati');
    expect(second).toMatchObject({ kind: 'synced', changed: expected });
    expect(expected).toBeGreaterThanOrEqual(1);
    expect(await title(connectionId, now.id)).toBe('Kiritimati: now');
  });

  it('does not miss a change for a user at UTC-11', async () => {
    await harness.control('user', { timeZone: 'Pacific/Pago_Pago' });
    const { connectionId, second, now, expected } = await pollsAcrossZones('Pago Pago');
    expect(second).toMatchObject({ kind: 'synced', changed: expected });
    expect(expected).toBeGreaterThanOrEqual(1);
    expect(await title(connectionId, now.id)).toBe('Pago Pago: now');
  });
});
