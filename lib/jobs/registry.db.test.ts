import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, jiraGrants, rateLimits } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { deadLetterQueueOf } from './define-job';
import { enqueue } from './enqueue';
import { jiraKeepAliveJob } from './jira-keep-alive';
import { pruneExpiredRowsJob } from './maintenance/prune-expired-rows';
import { jobs, schedules } from './registry';

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);

describe('the periodic work runs on the job engine', () => {
  it('a worker registers every cron schedule and every queue with its dead-letter queue, and runs the start-up re-encryption', async () => {
    await engine.start();
    const stored = await harness.db().execute<{ name: string; cron: string; timezone: string }>(sql`select name, cron, timezone from pgboss.schedule order by name`);
    expect(stored).toEqual(
      schedules.map((schedule) => ({ name: schedule.job.name, cron: schedule.cron, timezone: 'UTC' })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    const queues = await harness.db().execute<{ name: string; dead_letter: string | null }>(sql`select name, dead_letter from pgboss.queue`);
    for (const job of jobs) expect(queues).toContainEqual({ name: job.name, dead_letter: deadLetterQueueOf(job.name) });
    await engine.drain();
    const [reencryption] = await harness.db().execute<{ state: string }>(sql`select state::text from pgboss.job where name = 'reencrypt-secrets'`);
    expect(reencryption).toEqual({ state: 'completed' });
  });

  it('the keep-alive job, run by a worker, refreshes a grant idle for a week', async () => {
    const { orgId } = await connectNewSite(harness, 'Engine keep-alive');
    const [grant] = await harness.db().select({ id: jiraGrants.id }).from(jiraGrants).where(eq(jiraGrants.organizationId, orgId));
    await harness.db().update(jiraGrants).set({ lastRefreshedAt: sql`now() - interval '8 days'` }).where(eq(jiraGrants.id, grant!.id));

    await enqueue(jiraKeepAliveJob, {});
    await engine.drain();

    const [after] = await harness
      .db()
      .select({ recent: sql<boolean>`${jiraGrants.lastRefreshedAt} > now() - interval '1 hour'` })
      .from(jiraGrants)
      .where(eq(jiraGrants.id, grant!.id));
    expect(after?.recent).toBe(true);
  });

  it('the prune job, run by a worker, deletes expired rate-limit counters and idempotency answers and keeps live ones', async () => {
    const { orgId } = await connectNewSite(harness, 'Engine prune');
    await harness
      .db()
      .insert(rateLimits)
      .values([
        { key: 'test:expired', points: 1, expire: new Date(Date.now() - 2 * 3_600_000) },
        { key: 'test:live', points: 1, expire: new Date(Date.now() + 60_000) },
      ]);
    const answer = { organizationId: orgId, scope: 'test', fingerprint: 'f', statusCode: 200, response: {} };
    await harness
      .db()
      .insert(idempotencyKeys)
      .values([
        { ...answer, key: 'old', createdAt: new Date(Date.now() - 25 * 3_600_000) },
        { ...answer, key: 'fresh' },
      ]);

    await enqueue(pruneExpiredRowsJob, {});
    await engine.drain();

    expect((await harness.db().select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key)).toEqual(['test:live']);
    const keys = await harness.db().select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.organizationId, orgId));
    expect(keys).toEqual([{ key: 'fresh' }]);
  });
});
