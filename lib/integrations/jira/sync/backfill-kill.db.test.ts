import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraSyncStates, jiraTickets } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { jiraClientForConnection } from '../connection-client';

const harness = setupJiraHarness();
const GENERATED = 10_000;

// mulberry32: the kill points come from a fixed seed, so a failure replays exactly.
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the child worker; with `killAfterPages`, SIGKILLs it `delayMs` after its n-th committed page (the
 * kill then lands anywhere in the next page: reading Jira, normalizing, inside the commit). Resolves with
 * how it ended. Correctness never depends on where the kill lands, only which run it lands in.
 */
function runChild(orgId: string, connectionId: string, kill?: { afterPages: number; delayMs: number }) {
  // tsx as a loader in this very process: its CLI would run the script in a grandchild that a SIGKILL misses.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/sync/backfill-child.ts', orgId, connectionId], {
    env: { ...process.env, PORTICO_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pages = 0;
  let done = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('done')) done = true;
    if (line === 'page' && (pages += 1) === kill?.afterPages) setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
  });
  return new Promise<{ done: boolean; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (_code, signal) => resolve({ done, signal })),
  );
}

describe('backfill killed and restarted', () => {
  it(`ends with exactly Jira's set of ${GENERATED.toLocaleString('en')}+ issues after 10 SIGKILLs at seeded points`, async () => {
    await harness.control('issues/generate', { projectKey: 'PLAT', count: GENERATED });
    const { orgId, connectionId } = await connectNewSite(harness, 'Kill backfill');
    // Every visible project (no filter): the backfill runs in 8 segments.
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: [] }));

    const random = prng(13);
    let kills = 0;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const kill = kills < 10 ? { afterPages: 1 + Math.floor(random() * 8), delayMs: Math.floor(random() * 40) } : undefined;
      const result = await runChild(orgId, connectionId, kill);
      if (result.signal === 'SIGKILL') kills += 1;
      if (result.done && kills >= 10) break;
      if (result.done) throw new Error(`the backfill ended before the 10th kill (after ${kills}); lower the kill points`);
    }
    expect(kills).toBe(10);

    const client = await jiraClientForConnection(orgId, connectionId);
    const inJira: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await client.searchIssues({ jql: 'project is not EMPTY ORDER BY key ASC', fields: ['key'], maxResults: 100, nextPageToken });
      inJira.push(...page.issues.map((issue) => issue.id));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    expect(inJira.length).toBeGreaterThanOrEqual(GENERATED);

    const stored = await harness.db().select({ id: jiraTickets.externalId }).from(jiraTickets).where(eq(jiraTickets.connectionId, connectionId));
    const ids = stored.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...new Set(inJira)].sort());
    const [state] = await harness
      .db()
      .select({ phase: jiraSyncStates.phase, done: jiraSyncStates.backfillDone, n: sql<number>`(select count(*)::int from jira_tickets where connection_id = ${connectionId})` })
      .from(jiraSyncStates)
      .where(eq(jiraSyncStates.connectionId, connectionId));
    // Each page's count committed with its tickets: a killed page counted nothing, a replayed one once.
    expect(state).toEqual({ phase: 'incremental', done: ids.length, n: ids.length });
  }, 600_000);
});
