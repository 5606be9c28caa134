import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { listFailedJobs, type FailedJob } from '@/db/queries/background-jobs';
import { isAdmin, requireOrgMember } from '@/lib/auth/guards';
import { jobs } from '@/lib/jobs/registry';
import { RetryJobButton } from './retry-job-button';
import { RetryAnnouncer } from './retry-announcer';
import { WarningNotice } from '@/components/ui/warning-notice';
import { LocalTime } from '@/components/ui/local-time';

export const metadata: Metadata = { title: 'Background jobs' };

const titleOf = (name: string) => jobs.find((job) => job.name === name)?.title ?? name;

export default async function BackgroundJobsPage() {
  const member = await requireOrgMember();
  const intro = (
    <div>
      <h1 className="text-lg font-semibold">Background jobs</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Portico checks connections and keeps them current in the background. A job that fails is retried with growing
        pauses; one that still fails after its last attempt is set aside here for two weeks, until you retry it.
      </p>
    </div>
  );
  if (!isAdmin(member)) {
    return (
      <div className="space-y-6">
        {intro}
        <WarningNotice>
          Only organization admins can see and retry failed background jobs. Ask an admin if something looks stuck.
        </WarningNotice>
      </div>
    );
  }
  const failed = await listFailedJobs(member.orgId);
  return (
    <div className="space-y-6">
      {intro}
      <section aria-labelledby="failed-title" className="space-y-3">
        <h2 id="failed-title" className="font-semibold">
          Failed jobs
        </h2>
        <RetryAnnouncer>
          {failed.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No failed jobs. Everything in the background is running as it should.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {failed.map((job) => (
                <FailedJobRow key={job.id} job={job} />
              ))}
            </ul>
          )}
        </RetryAnnouncer>
      </section>
    </div>
  );
}

function FailedJobRow({ job }: { job: FailedJob }) {
  const title = titleOf(job.job);
  return (
    <li className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {title}
          {job.state === 'dead_lettered' ? <Badge tone="danger">Gave up</Badge> : <Badge tone="warning">Retrying</Badge>}
        </p>
        {job.connection ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Connection:{' '}
            <Link href={`/settings/integrations/jira/${job.connection.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {job.connection.siteName}
            </Link>
          </p>
        ) : null}
        <p className="break-words text-sm text-red-700 dark:text-red-300">
          {job.error.message}
          {job.error.kind ? <span className="ml-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">({job.error.kind})</span> : null}
        </p>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {job.attempts === null ? null : `${job.attempts} attempt${job.attempts === 1 ? '' : 's'} · `}
          {job.state === 'dead_lettered' ? 'Set aside' : 'Last failed'} <LocalTime date={job.failedAt} />
          {job.nextAttemptAt ? <> · next attempt <LocalTime date={job.nextAttemptAt} /></> : null}
        </p>
      </div>
      {job.state === 'dead_lettered' ? (
        <div className="shrink-0 self-end sm:self-start">
          <RetryJobButton jobId={job.id} label={title} />
        </div>
      ) : null}
    </li>
  );
}
