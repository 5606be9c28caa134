import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setupTestDatabase } from '@/tests/database';
import { setupJobEngine } from '@/tests/job-engine';
import { defineJob, deadLetterQueueOf } from './define-job';
import { enqueue } from './enqueue';

const database = setupTestDatabase();
const engine = setupJobEngine(database);

describe('job engine', () => {
  it('two workers (two pg-boss instances, each with its own pool) run each of 500 jobs exactly once', async () => {
    const runs = new Map<number, number>();
    const counted = defineJob({
      name: 'test-count-once',
      schema: z.object({ n: z.number().int() }),
      concurrency: 4,
      handler: async ({ n }) => {
        runs.set(n, (runs.get(n) ?? 0) + 1);
        await Promise.resolve();
      },
    });
    const first = await engine.start({ jobs: [counted], schedules: [] });
    const second = await engine.start({ jobs: [counted], schedules: [] });
    expect(first.id).not.toBe(second.id);

    await Promise.all(Array.from({ length: 500 }, (_, n) => enqueue(counted, { n })));
    await engine.drain({ timeoutMs: 120_000 });
    await Promise.all([first.stop(), second.stop()]);

    expect(runs.size).toBe(500);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  }, 300_000);

  it('enqueue inside a drizzle transaction: the job exists only if the transaction commits', async () => {
    const job = defineJob({ name: 'test-in-transaction', schema: z.object({ tag: z.string() }), handler: async () => {} });
    await database.db().transaction(async (tx) => {
      await enqueue(job, { tag: 'committed' }, { tx });
    });
    await database
      .db()
      .transaction(async (tx) => {
        await enqueue(job, { tag: 'rolled-back' }, { tx });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const rows = await database.db().execute<{ tag: string }>(sql`select data->>'tag' as tag from pgboss.job where name = ${job.name}`);
    expect(rows.map((row) => row.tag)).toEqual(['committed']);
  });

  it('a singletonKey under the stately policy holds one queued job per key: the second enqueue returns null', async () => {
    const job = defineJob({ name: 'test-stately', schema: z.object({}), policy: 'stately', handler: async () => {} });
    expect(await enqueue(job, {}, { singletonKey: 'conn-1' })).toEqual(expect.any(String));
    expect(await enqueue(job, {}, { singletonKey: 'conn-1' })).toBeNull();
    expect(await enqueue(job, {}, { singletonKey: 'conn-2' })).toEqual(expect.any(String));
  });

  it('a bad payload fails at enqueue, in the caller', async () => {
    const job = defineJob({ name: 'test-bad-payload', schema: z.object({ id: z.uuid() }), handler: async () => {} });
    await expect(enqueue(job, { id: 'nope' })).rejects.toThrow();
  });

  it('a job that throws is retried with exponential backoff, then failed and copied to its dead-letter queue with a sanitized error', async () => {
    const attempts: Date[] = [];
    const failing = defineJob({
      name: 'test-always-fails',
      schema: z.object({ organizationId: z.string() }),
      retry: { limit: 2, delaySecs: 1, backoff: true },
      handler: async () => {
        await Promise.resolve();
        attempts.push(new Date());
        const error = new Error('Jira answered 503\nsecret-looking second line');
        Object.assign(error, { kind: 'upstream', body: 'token=abc' });
        throw error;
      },
    });
    await engine.start({ jobs: [failing], schedules: [] });
    const id = await enqueue(failing, { organizationId: 'org-1' });
    await engine.drain({ timeoutMs: 60_000 });

    expect(attempts).toHaveLength(3);
    // Backoff delays are at least delay × 2^(n-1): ≥ 1 s, then ≥ 2 s (lower bounds the database enforces).
    expect(attempts[1]!.getTime() - attempts[0]!.getTime()).toBeGreaterThanOrEqual(1000);
    expect(attempts[2]!.getTime() - attempts[1]!.getTime()).toBeGreaterThanOrEqual(2000);
    const [failed] = await database
      .db()
      .execute<{ state: string; output: unknown }>(sql`select state, output from pgboss.job where id = ${id}`);
    expect(failed).toEqual({ state: 'failed', output: { message: 'Jira answered 503', kind: 'upstream', attempts: 3 } });
    const dead = await database
      .db()
      .execute<{ data: unknown; output: unknown }>(sql`select data, output from pgboss.job where name = ${deadLetterQueueOf(failing.name)}`);
    expect(dead).toEqual([{ data: { organizationId: 'org-1' }, output: { message: 'Jira answered 503', kind: 'upstream', attempts: 3 } }]);
  }, 120_000);
});
