import 'server-only';
import { getDb } from '@/db/client';
import { deleteDeadLetteredJob, lockDeadLetteredJob } from '@/db/queries/background-jobs';
import type { AnyJobDefinition } from './define-job';
import { enqueue } from './enqueue';
import { jobs } from './registry';

export type RetryOutcome =
  | { ok: true; requeued: 'queued' | 'already_queued' }
  | { ok: false; reason: 'not_found' | 'unknown_job' | 'invalid_payload' };

/**
 * An admin's Retry: the dead-lettered job goes back to its queue with a fresh set of attempts, and leaves
 * the dead-letter queue in the same transaction (two admins clicking at once requeue it once). When its
 * singletonKey already has a job waiting (the next scheduled run, say), that one does the work.
 */
export async function retryDeadLetteredJob(orgId: string, id: string, known: readonly AnyJobDefinition[] = jobs): Promise<RetryOutcome> {
  return getDb().transaction(async (tx) => {
    const dead = await lockDeadLetteredJob(tx, orgId, id);
    if (!dead) return { ok: false, reason: 'not_found' };
    const job = known.find((candidate) => candidate.name === dead.job);
    if (!job) return { ok: false, reason: 'unknown_job' };
    const data = job.schema.safeParse(dead.data);
    if (!data.success) return { ok: false, reason: 'invalid_payload' };
    const requeued = await enqueue(job, data.data, { tx });
    await deleteDeadLetteredJob(tx, dead.queue, id);
    return { ok: true, requeued: requeued ? 'queued' : 'already_queued' };
  });
}
