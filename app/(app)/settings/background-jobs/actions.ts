'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { retryDeadLetteredJob } from '@/lib/jobs/retry-dead-lettered';

const REASONS = {
  not_found: 'This job is no longer waiting for a retry: someone retried it already, or it expired. Reload the page.',
  unknown_job: 'Portico no longer has this kind of job, so it cannot be retried. It expires on its own.',
  invalid_payload: 'This job’s data no longer fits its current definition, so it cannot be retried. It expires on its own.',
} as const;

export const retryBackgroundJobAction = adminAction(z.object({ jobId: z.uuid() }), async ({ jobId }, member) => {
  const outcome = await retryDeadLetteredJob(member.orgId, jobId);
  if (!outcome.ok) return { ok: false, error: REASONS[outcome.reason] };
  revalidatePath('/settings/background-jobs');
  return {
    ok: true,
    data: undefined,
    message:
      outcome.requeued === 'queued'
        ? 'The job is queued again with a fresh set of attempts.'
        : 'The same work is already queued, so that run will do it.',
  };
});
