import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiraConnectionChecks, jiraConnections, jiraDiagnosticRuns, jiraMetadataCache } from '@/db/schema';
import { callApi } from '@/tests/api-client';
import { MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';
import { requestConnectionCheck } from './connect/request-check';
import { getCachedMetadata, requestMetadataRefresh } from './metadata/metadata-cache';
import { connectSite, jiraRequests, total } from './metadata/metadata.testing';

// Jira traffic members and API keys can cause: bursts are coalesced per connection and throttled
// with state in PostgreSQL, so the figures below hold across instances too.
const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('Jira traffic from members and API keys', () => {
  beforeEach(async () => {
    await harness.control('scenario', { name: 'default' });
    await harness.resetSandbox();
  });

  it('30 Refresh clicks and 30 connection checks in a burst cost one metadata read and one check', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    // Slow Jira answers keep the first refresh and check in flight while the others arrive.
    await harness.control('knobs', { latencyMs: 50 });
    await harness.resetCounters();

    const [refreshes, checks] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => requestMetadataRefresh(orgId, connectionId))),
      Promise.all(Array.from({ length: 30 }, () => requestConnectionCheck(orgId, connectionId))),
    ]);
    // And 30 more of each right after: answered from PostgreSQL, with the age of the answer.
    const [lateRefresh, lateCheck] = [await requestMetadataRefresh(orgId, connectionId), await requestConnectionCheck(orgId, connectionId)];

    const requests = jiraRequests(await harness.counters());
    console.info(`[figures] 30 metadata refreshes + 30 checks (+1 late each) → ${total(requests)} Atlassian calls: ${JSON.stringify(requests)}`);
    expect(requests).toEqual({ 'project/search': 1, 'statuses/search': 1, status: 1, 'priority/search': 1, myself: 1 });
    expect(refreshes.filter((answer) => answer.outcome === 'refreshed')).toHaveLength(1);
    expect(refreshes.every((answer) => ['refreshed', 'joined', 'throttled'].includes(answer.outcome))).toBe(true);
    expect(checks.every((check) => check.ok)).toBe(true);
    expect(checks.filter((check) => !check.reused)).toHaveLength(1);

    expect(lateRefresh).toMatchObject({ outcome: 'throttled', message: expect.stringMatching(/^Refreshed from Jira \d+ seconds? ago; showing that result\. Try again in \d+ s\.$/) });
    expect(lateCheck).toMatchObject({ ok: true, reused: { reason: 'throttled', message: expect.stringMatching(/^Checked \d+ seconds? ago; check again in \d+ s\.$/) } });
    expect((await getCachedMetadata(orgId, connectionId)).refreshing).toBe(false);
  });

  it('refreshes and checks again once the interval has passed, and checks at once after a reconnect', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    expect(await requestMetadataRefresh(orgId, connectionId)).toEqual({ outcome: 'refreshed' });
    expect((await requestConnectionCheck(orgId, connectionId)).reused).toBeUndefined();

    await harness.db().update(jiraMetadataCache).set({ lastAttemptAt: minutesAgo(1) }).where(eq(jiraMetadataCache.connectionId, connectionId));
    await harness.db().update(jiraConnectionChecks).set({ checkedAt: minutesAgo(1) }).where(eq(jiraConnectionChecks.connectionId, connectionId));
    await harness.resetCounters();
    expect(await requestMetadataRefresh(orgId, connectionId)).toEqual({ outcome: 'refreshed' });
    expect((await requestConnectionCheck(orgId, connectionId)).reused).toBeUndefined();
    // One metadata read (project/search, statuses/search, status, priority/search) and one check (myself).
    expect(total(jiraRequests(await harness.counters()))).toBe(5);

    // A reconnect (or any status change) bumps the connection: its last check no longer answers for it.
    await harness.db().update(jiraConnections).set({ updatedAt: new Date() }).where(eq(jiraConnections.id, connectionId));
    expect((await requestConnectionCheck(orgId, connectionId)).reused).toBeUndefined();
  });

  it('10 parallel POST /diagnostics start exactly one run; the other 9 get the documented 429', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const [member] = await harness.db().select({ userId: jiraConnections.connectedByUserId }).from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    const key = (await createApiKey(orgId, member!.userId!, 'Diagnostics burst')).secret;
    await harness.control('knobs', { latencyMs: 50 });
    await harness.resetCounters();

    const answers = await Promise.all(Array.from({ length: 10 }, () => callApi('POST', `/connections/${connectionId}/diagnostics`, { key })));

    const counters = await harness.counters();
    const atlassianCalls = total(counters.requests);
    console.info(`[figures] 10 parallel diagnostics POSTs → ${answers.filter((a) => a.status === 201).length} run, ${atlassianCalls} Atlassian calls`);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array.from({ length: 9 }, () => 429)]);
    for (const refused of answers.filter((answer) => answer.status === 429)) {
      expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const runs = await harness.db().select().from(jiraDiagnosticRuns).where(eq(jiraDiagnosticRuns.connectionId, connectionId));
    expect(runs).toHaveLength(1);
    // One run's worth of calls (token refresh included), not ten.
    expect(counters.tokenGrants.refresh_token ?? 0).toBeLessThanOrEqual(1);
    expect(atlassianCalls).toBeLessThanOrEqual(10);
  });

  it('refuses a diagnostics POST while another instance runs diagnostics on the connection (its session holds the lock)', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const [member] = await harness.db().select({ userId: jiraConnections.connectedByUserId }).from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    const key = (await createApiKey(orgId, member!.userId!, 'Other instance')).secret;
    const otherInstance = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await otherInstance`select pg_advisory_lock(${0x504f_0003}::int4, hashtext(${connectionId}))`;
      await harness.resetCounters();
      const refused = await callApi('POST', `/connections/${connectionId}/diagnostics`, { key });
      expect(refused.status).toBe(429);
      expect(total((await harness.counters()).requests)).toBe(0);
    } finally {
      await otherInstance.end();
    }
    // Its session gone, the next POST runs.
    expect((await callApi('POST', `/connections/${connectionId}/diagnostics`, { key })).status).toBe(201);
  });
});
