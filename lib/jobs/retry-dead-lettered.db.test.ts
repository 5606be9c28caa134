import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listFailedJobs } from '@/db/queries/background-jobs';
import { jiraConnections } from '@/db/schema';
import { setupTestDatabase } from '@/tests/database';
import { createOrgMembers } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { defineJob } from './define-job';
import { enqueue } from './enqueue';
import { retryDeadLetteredJob } from './retry-dead-lettered';

const database = setupTestDatabase();
const engine = setupJobEngine(database);

async function orgWithConnection(name: string) {
  const [admin] = await createOrgMembers(database.db(), name, ['admin']);
  const [connection] = await database
    .db()
    .insert(jiraConnections)
    .values({ organizationId: admin!.orgId, cloudId: `cloud-${name}`, siteName: `${name} site` })
    .returning({ id: jiraConnections.id });
  return { orgId: admin!.orgId, connectionId: connection!.id };
}

describe('failed jobs in Settings › Background jobs', () => {
  it('a job whose retries are spent is listed, dead-lettered, for its organization only; Retry requeues it once', async () => {
    const mine = await orgWithConnection('Failing org');
    const other = await orgWithConnection('Other org');
    let failing = true;
    const runs: string[] = [];
    const flaky = defineJob({
      name: 'test-flaky-sync',
      title: 'Flaky sync',
      schema: z.object({ organizationId: z.uuid(), connectionId: z.uuid() }),
      retry: { limit: 1, delaySecs: 1, backoff: true },
      handler: async ({ connectionId }) => {
        await Promise.resolve();
        runs.push(connectionId);
        if (failing) throw Object.assign(new Error('Jira is unavailable (HTTP 503). Portico retries on its own.'), { kind: 'upstream' });
      },
    });
    await engine.start({ jobs: [flaky], schedules: [] });
    await enqueue(flaky, { organizationId: mine.orgId, connectionId: mine.connectionId });
    await engine.drain();

    const [listed, ...rest] = await listFailedJobs(mine.orgId);
    expect(rest).toEqual([]);
    expect(listed).toMatchObject({
      job: 'test-flaky-sync',
      state: 'dead_lettered',
      connection: { id: mine.connectionId, siteName: 'Failing org site' },
      error: { message: 'Jira is unavailable (HTTP 503). Portico retries on its own.', kind: 'upstream' },
      attempts: 2,
      nextAttemptAt: null,
    });
    expect(await listFailedJobs(other.orgId)).toEqual([]);

    // Another organization's admin cannot retry it.
    expect(await retryDeadLetteredJob(other.orgId, listed!.id, [flaky])).toEqual({ ok: false, reason: 'not_found' });
    failing = false;
    const [first, second] = await Promise.all([
      retryDeadLetteredJob(mine.orgId, listed!.id, [flaky]),
      retryDeadLetteredJob(mine.orgId, listed!.id, [flaky]),
    ]);
    expect([first, second]).toEqual(expect.arrayContaining([{ ok: true, requeued: 'queued' }, { ok: false, reason: 'not_found' }]));
    await engine.drain();
    expect(runs).toEqual([mine.connectionId, mine.connectionId, mine.connectionId]);
    expect(await listFailedJobs(mine.orgId)).toEqual([]);
  });

  it('a job waiting to retry after a failure is listed as retrying, with its next attempt', async () => {
    const mine = await orgWithConnection('Retrying org');
    const slow = defineJob({
      name: 'test-retry-later',
      schema: z.object({ organizationId: z.uuid() }),
      retry: { limit: 3, delaySecs: 3600, backoff: false },
      handler: async () => {
        await Promise.resolve();
        throw new Error('The site did not answer.');
      },
    });
    await engine.start({ jobs: [slow], schedules: [] });
    await enqueue(slow, { organizationId: mine.orgId });
    await engine.drain({ dueOnly: true });
    const [listed] = await listFailedJobs(mine.orgId);
    expect(listed).toMatchObject({ job: 'test-retry-later', state: 'retrying', connection: null, attempts: 1, error: { message: 'The site did not answer.', kind: null } });
    expect(listed!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
  });
});
