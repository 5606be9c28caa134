import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { jiraConnections, jiraDiagnosticRuns } from '@/db/schema';
import { setSyncPaused } from '../sync/sync-controls';
import { connectNewSite, createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { flushJiraUsage, recordJiraCall } from '../usage-recorder';
import { getApiUsageSince } from '@/db/queries/jira-api-usage';
import { runDiagnostics } from '.';
import * as runModule from './run-diagnostics';
import { runScheduledDiagnostics } from './schedule';

// The real runDiagnostics, wrapped so one test can make a run throw.
vi.mock('./run-diagnostics', async (importOriginal) => {
  const original = await importOriginal<typeof runModule>();
  return { ...original, runDiagnostics: vi.fn(original.runDiagnostics) };
});

const harness = setupJiraHarness();

const connect = (name: string) => connectNewSite(harness, name);

const runsOf = (connectionId: string) =>
  harness
    .db()
    .select({ trigger: jiraDiagnosticRuns.trigger })
    .from(jiraDiagnosticRuns)
    .where(eq(jiraDiagnosticRuns.connectionId, connectionId));

describe('scheduled diagnostics', () => {
  it('runs every due connection once, even with two processes ticking at once; a fresh run is not due', async () => {
    await harness.resetSandbox();
    const first = await connect('Scheduled A');
    const second = await connect('Scheduled B');
    await harness
      .db()
      .update(jiraConnections)
      .set({ status: 'disconnected' })
      .where(eq(jiraConnections.id, second.connectionId));

    await Promise.all([runScheduledDiagnostics(0), runScheduledDiagnostics(0)]);

    expect(await runsOf(first.connectionId)).toEqual([{ trigger: 'scheduled' }]);
    expect(await runsOf(second.connectionId)).toEqual([]);
    await runScheduledDiagnostics(0);
    expect(await runsOf(first.connectionId)).toHaveLength(1);
  });

  it('a paused connection gets no scheduled run and 0 Jira calls; an admin-initiated run still calls Jira', async () => {
    await harness.resetSandbox();
    const paused = await connect('Scheduled paused');
    const { admin } = paused;
    await setSyncPaused(admin.orgId, paused.connectionId, true, { userId: admin.userId, via: 'console' });
    await harness.resetCounters();

    await runScheduledDiagnostics(0);

    expect(await runsOf(paused.connectionId)).toEqual([]);
    expect(Object.values((await harness.counters()).requests).reduce((sum, n) => sum + n, 0)).toBe(0);
    await runDiagnostics(admin.orgId, paused.connectionId, { trigger: 'manual', actorUserId: admin.userId });
    expect(await runsOf(paused.connectionId)).toEqual([{ trigger: 'manual' }]);
    expect(Object.values((await harness.counters()).requests).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
  });

  it('a run that throws does not block the others: it is pushed back like any claimed connection', async () => {
    await harness.resetSandbox();
    const broken = await connect('Scheduled broken');
    const healthy = await connect('Scheduled healthy');
    // The broken connection is first in line (oldest due time).
    await harness
      .db()
      .update(jiraConnections)
      .set({ diagnosticsDueAt: sql`now() - interval '1 day'` })
      .where(eq(jiraConnections.id, broken.connectionId));
    const run = vi.mocked(runModule.runDiagnostics);
    const real = run.getMockImplementation()!;
    run.mockImplementation(async (orgId, connectionId, options) => {
      if (connectionId === broken.connectionId) throw new Error('boom');
      return real(orgId, connectionId, options);
    });
    try {
      await runScheduledDiagnostics(0);
      expect(await runsOf(healthy.connectionId)).toEqual([{ trigger: 'scheduled' }]);
      const [row] = await harness
        .db()
        .select({ later: sql<boolean>`${jiraConnections.diagnosticsDueAt} > now() + interval '5 hours'` })
        .from(jiraConnections)
        .where(eq(jiraConnections.id, broken.connectionId));
      expect(row?.later).toBe(true);
      run.mockClear();
      await runScheduledDiagnostics(0);
      expect(run.mock.calls.map(([, connectionId]) => connectionId)).not.toContain(broken.connectionId);
    } finally {
      run.mockImplementation(real);
    }
  });

  it('a manual run postpones the scheduled one', async () => {
    await harness.resetSandbox();
    const { admin, connectionId } = await connect('Manual postpones');
    await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual', actorUserId: admin.userId });
    await runScheduledDiagnostics(0);
    expect(await runsOf(connectionId)).toEqual([{ trigger: 'manual' }]);
  });

  it('right after a consent, a run uses the fresh token and refreshes nothing', async () => {
    await harness.resetSandbox();
    const { admin, connectionId } = await connect('Fresh');
    await harness.resetCounters();
    const run = await runDiagnostics(admin.orgId, connectionId, {
      trigger: 'after_connect',
      actorUserId: admin.userId,
    });
    expect(run?.outcome).toBe('pass');
    expect((await harness.counters()).tokenGrants.refresh_token).toBe(0);
  });
});

describe('usage recorder', () => {
  it('aggregates calls per connection and hour in memory and adds them on flush', async () => {
    const { admin, connectionId } = await connect('Usage');
    const at = new Date();
    recordJiraCall(admin.orgId, connectionId, { operation: 'getMyself', status: 200, durationMs: 5, attempt: 1 }, at);
    recordJiraCall(
      admin.orgId,
      connectionId,
      {
        operation: 'getMyself',
        status: 429,
        durationMs: 5,
        attempt: 1,
        errorKind: 'rate_limited',
        rateLimitReason: 'jira-burst-based',
        rateLimitReset: '2026-11-23T13:00:00Z',
        retryAfterSecs: 3,
      },
      at,
    );
    recordJiraCall(
      admin.orgId,
      connectionId,
      { operation: 'searchStatuses', status: 401, durationMs: 5, attempt: 1, errorKind: 'forbidden_scope' },
      at,
    );
    recordJiraCall(
      admin.orgId,
      connectionId,
      { operation: 'searchProjects', status: 503, durationMs: 5, attempt: 1, errorKind: 'upstream' },
      at,
    );
    await flushJiraUsage();
    recordJiraCall(admin.orgId, connectionId, { operation: 'getMyself', status: 200, durationMs: 5, attempt: 1 }, at);
    await flushJiraUsage();

    const [row] = await getApiUsageSince(admin.orgId, connectionId, new Date(at.getTime() - 3_600_000));
    expect(row).toMatchObject({
      calls: 5,
      throttled: 1,
      upstreamFailures: 1,
      scopeMismatches: 1,
      lastRateLimitReason: 'jira-burst-based',
      lastRateLimitReset: '2026-11-23T13:00:00Z',
      lastRetryAfterSecs: 3,
      lastScopeMismatchOperation: 'searchStatuses',
    });
    const [stranger] = await createOrgMembers(harness.db(), 'Usage stranger', ['admin']);
    expect(await getApiUsageSince(stranger!.orgId, connectionId, new Date(0))).toEqual([]);
  });

  it('one write runs at a time, with one queued write shared by every caller meanwhile', async () => {
    const { admin, connectionId } = await connect('Usage queue');
    const at = new Date();
    const call = { operation: 'getMyself', status: 200, durationMs: 5, attempt: 1 };
    recordJiraCall(admin.orgId, connectionId, call, at);
    const first = flushJiraUsage();
    recordJiraCall(admin.orgId, connectionId, call, at);
    const second = flushJiraUsage();
    const third = flushJiraUsage();
    expect(third).toBe(second);
    expect(second).not.toBe(first);
    await third;
    const [row] = await getApiUsageSince(admin.orgId, connectionId, new Date(at.getTime() - 3_600_000));
    expect(row?.calls).toBe(2);
  });

  it('an older throttle written later never replaces a newer one', async () => {
    const { admin, connectionId } = await connect('Usage order');
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const throttle = (reason: string) => ({
      operation: 'getMyself',
      status: 429,
      durationMs: 5,
      attempt: 1,
      errorKind: 'rate_limited' as const,
      rateLimitReason: reason,
      retryAfterSecs: reason === 'newer' ? 9 : 1,
    });
    recordJiraCall(admin.orgId, connectionId, throttle('newer'), new Date(hour + 20 * 60_000));
    await flushJiraUsage();
    recordJiraCall(admin.orgId, connectionId, throttle('older'), new Date(hour + 10 * 60_000));
    await flushJiraUsage();

    const [row] = await getApiUsageSince(admin.orgId, connectionId, new Date(hour));
    expect(row).toMatchObject({
      throttled: 2,
      lastThrottledAt: new Date(hour + 20 * 60_000),
      lastRateLimitReason: 'newer',
      lastRetryAfterSecs: 9,
    });
  });
});
