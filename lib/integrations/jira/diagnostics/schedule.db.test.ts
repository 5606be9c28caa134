import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { jiraConnections, jiraDiagnosticRuns } from '@/db/schema';
import { fanOutDueDiagnostics } from '@/lib/jobs/jira-diagnostics/fan-out-diagnostics';
import { runScheduledDiagnosticsJob } from '@/lib/jobs/jira-diagnostics/run-scheduled-diagnostics';
import { setSyncPaused } from '../sync/sync-controls';
import { connectNewSite, createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { flushJiraUsage, recordJiraCall } from '../usage-recorder';
import { getApiUsageSince } from '@/db/queries/jira-api-usage';
import { runDiagnostics } from '.';
import * as runModule from './run-diagnostics';
import { ensureWebhooks } from '../webhooks/ensure-webhooks';

// The real runDiagnostics, wrapped so one test can make a run throw.
vi.mock('./run-diagnostics', async (importOriginal) => {
  const original = await importOriginal<typeof runModule>();
  return { ...original, runDiagnostics: vi.fn(original.runDiagnostics) };
});

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);

const connect = (name: string) => connectNewSite(harness, name);

const runsOf = (connectionId: string) =>
  harness
    .db()
    .select({ trigger: jiraDiagnosticRuns.trigger })
    .from(jiraDiagnosticRuns)
    .where(eq(jiraDiagnosticRuns.connectionId, connectionId));

const queuedRunsOf = (connectionId: string) =>
  harness
    .db()
    .execute<{ state: string }>(
      sql`select state::text from pgboss.job where name = ${runScheduledDiagnosticsJob.name} and data->>'connectionId' = ${connectionId}`,
    );

/** Every connection of the database checked recently, so a test sees only its own. */
const nothingElseDue = () =>
  harness.db().update(jiraConnections).set({ diagnosticsDueAt: sql`now() + interval '1 day'` });

describe('scheduled diagnostics on the job engine', () => {
  it('a fan-out queues one job per due connection, none twice when two workers fan out at once; a worker runs them', async () => {
    await harness.resetSandbox();
    await nothingElseDue();
    const connections = [];
    for (const name of ['Scheduled A', 'Scheduled B', 'Scheduled C']) connections.push(await connect(name));
    const [first, second, third] = connections;
    await harness.db().update(jiraConnections).set({ status: 'disconnected' }).where(eq(jiraConnections.id, second!.connectionId));
    // A batch of 1 makes the two fan-outs interleave claim by claim.
    const [a, b] = await Promise.all([fanOutDueDiagnostics(1), fanOutDueDiagnostics(1)]);

    expect(a.queued + b.queued).toBe(2);
    expect(await queuedRunsOf(first!.connectionId)).toEqual([{ state: 'created' }]);
    expect(await queuedRunsOf(second!.connectionId)).toEqual([]);
    expect(await queuedRunsOf(third!.connectionId)).toEqual([{ state: 'created' }]);

    await engine.start({ jobs: [runScheduledDiagnosticsJob], schedules: [] });
    await engine.drain();
    expect(await runsOf(first!.connectionId)).toEqual([{ trigger: 'scheduled' }]);
    expect(await runsOf(third!.connectionId)).toEqual([{ trigger: 'scheduled' }]);
    expect(await runsOf(second!.connectionId)).toEqual([]);
    // Just run: not due again.
    expect(await fanOutDueDiagnostics()).toEqual({ queued: 0 });
  });

  it('a paused connection gets no scheduled run and 0 Jira calls; an admin-initiated run still calls Jira', async () => {
    await harness.resetSandbox();
    await nothingElseDue();
    const paused = await connect('Scheduled paused');
    const { admin } = paused;
    await setSyncPaused(admin.orgId, paused.connectionId, true, { userId: admin.userId, via: 'console' });
    await harness.resetCounters();

    expect(await fanOutDueDiagnostics()).toEqual({ queued: 0 });

    expect(await queuedRunsOf(paused.connectionId)).toEqual([]);
    expect(Object.values((await harness.counters()).requests).reduce((sum, n) => sum + n, 0)).toBe(0);
    await runDiagnostics(admin.orgId, paused.connectionId, { trigger: 'manual', actorUserId: admin.userId });
    expect(await runsOf(paused.connectionId)).toEqual([{ trigger: 'manual' }]);
    expect(Object.values((await harness.counters()).requests).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
  });

  it('no ceiling per tick: 1,200 due connections are all queued by one fan-out', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Many due', ['admin']);
    await harness
      .db()
      .insert(jiraConnections)
      .values(Array.from({ length: 1200 }, (_, index) => ({ organizationId: admin!.orgId, cloudId: `many-${index}`, siteName: `Many ${index}` })));
    const before = await harness.db().execute<{ n: string }>(
      sql`select count(*) as n from pgboss.job where name = ${runScheduledDiagnosticsJob.name}`,
    );
    const { queued } = await fanOutDueDiagnostics();
    const after = await harness.db().execute<{ n: string }>(
      sql`select count(*) as n from pgboss.job where name = ${runScheduledDiagnosticsJob.name}`,
    );
    expect(queued).toBe(1200);
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(1200);
    // Out of the way of the next tests: no worker is to run 1,200 checks of made-up sites.
    await harness.db().execute(sql`delete from pgboss.job where name = ${runScheduledDiagnosticsJob.name}`);
    await harness.db().delete(jiraConnections).where(eq(jiraConnections.organizationId, admin!.orgId));
  });

  it('a run that throws is retried with backoff by the engine; the other connections’ runs go on', async () => {
    await harness.resetSandbox();
    await nothingElseDue();
    const broken = await connect('Scheduled broken');
    const healthy = await connect('Scheduled healthy');
    const run = vi.mocked(runModule.runDiagnostics);
    const real = run.getMockImplementation()!;
    run.mockImplementation(async (orgId, connectionId, options) => {
      if (connectionId === broken.connectionId) throw new Error('boom');
      return real(orgId, connectionId, options);
    });
    try {
      expect(await fanOutDueDiagnostics()).toEqual({ queued: 2 });
      await engine.start({ jobs: [runScheduledDiagnosticsJob], schedules: [] });
      await engine.drain({ dueOnly: true });
      expect(await runsOf(healthy.connectionId)).toEqual([{ trigger: 'scheduled' }]);
      const [retrying] = await harness.db().execute<{ state: string; later: boolean; output: unknown }>(sql`
        select state::text, start_after > now() + interval '30 seconds' as later, output from pgboss.job
         where name = ${runScheduledDiagnosticsJob.name} and data->>'connectionId' = ${broken.connectionId}`);
      expect(retrying).toEqual({ state: 'retry', later: true, output: { message: 'boom', attempts: 1 } });
      // The claim moved its due time: the next fan-out does not queue it again.
      expect(await fanOutDueDiagnostics()).toEqual({ queued: 0 });
    } finally {
      run.mockImplementation(real);
      await harness.db().execute(sql`delete from pgboss.job where name = ${runScheduledDiagnosticsJob.name}`);
    }
  });

  it('a manual run postpones the scheduled one', async () => {
    await harness.resetSandbox();
    await nothingElseDue();
    const { admin, connectionId } = await connect('Manual postpones');
    await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual', actorUserId: admin.userId });
    expect(await fanOutDueDiagnostics()).toEqual({ queued: 0 });
    expect(await runsOf(connectionId)).toEqual([{ trigger: 'manual' }]);
  });

  it('right after a consent, a run uses the fresh token and refreshes nothing', async () => {
    await harness.resetSandbox();
    const { admin, connectionId } = await connect('Fresh');
    // As the connect flow does (afterConnect), with the same fresh token.
    await ensureWebhooks(admin.orgId, connectionId);
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
