import Form from 'next/form';
import Link from 'next/link';
import { LocalTime } from '@/components/ui/local-time';
import { buttonClasses } from '@/components/ui/button';
import { WarningNotice } from '@/components/ui/warning-notice';
import { auditLogHref, parseAuditLogParams } from '@/lib/integrations/jira/audit/audit-log-params';
import { loadAuditLog } from '@/lib/integrations/jira/audit/load-audit-log';
import { plural } from '@/lib/format/plural';

const link = 'font-medium text-indigo-700 hover:underline dark:text-indigo-300';

/** The connection's audit log: sentences, each save's diff, a search and pages, all read on the server. */
export async function AuditLog({
  orgId,
  connectionId,
  searchParams,
}: {
  orgId: string;
  connectionId: string;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = parseAuditLogParams(await searchParams);
  const { entries, total, page, pageCount, problem } = await loadAuditLog(orgId, connectionId, params);
  const path = `/settings/integrations/jira/${connectionId}`;
  return (
    <section id="audit-log" aria-labelledby="audit-title" className="scroll-mt-4 rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-end justify-between gap-3 px-5 pt-5">
        <h2 id="audit-title" className="font-semibold">
          Audit log
        </h2>
        <Form action={path} scroll={false} role="search" aria-label="Audit log" className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <label htmlFor="audit-q" className="sr-only">
            Search the audit log
          </label>
          <input
            id="audit-q"
            name="audit_q"
            type="search"
            defaultValue={params.query}
            maxLength={100}
            placeholder="Search: a name, a site, “saved”…"
            className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950 sm:w-64"
          />
          <button type="submit" className={buttonClasses('secondary', 'py-1.5')}>
            Search
          </button>
        </Form>
      </div>
      {problem ? (
        <div className="px-5 pt-3">
          <WarningNotice>{problem}</WarningNotice>
        </div>
      ) : null}
      {params.query ? (
        <p role="status" className="px-5 pt-3 text-sm text-zinc-600 dark:text-zinc-400">
          {plural(total, 'event')} {total === 1 ? 'matches' : 'match'} “{params.query}”.{' '}
          <Link href={auditLogHref(path, '', 1)} scroll={false} className={link}>
            Show all events
          </Link>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">{params.query ? 'No event matches this search.' : 'No events yet.'}</p>
      ) : (
        <ol aria-label="Audit log events" className="mt-3 divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
          {entries.map((entry) => (
            <li key={entry.id} className="px-5 py-3 text-sm">
              <p className="break-words">{entry.sentence}</p>
              <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                <LocalTime date={entry.createdAt} variant="exact" />
              </p>
              {entry.changes.length > 0 ? (
                <details className="mt-1.5">
                  <summary className="cursor-pointer text-xs font-medium text-indigo-700 dark:text-indigo-300">
                    {entry.changes.length === 1 ? 'Show the change' : `Show the ${entry.changes.length} changes`}
                  </summary>
                  <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-zinc-700 dark:text-zinc-300">
                    {entry.changes.map((change) => (
                      <li key={change} className="break-words">
                        {change}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {pageCount > 1 ? (
        <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 px-5 py-3 text-sm dark:border-zinc-800">
          {page > 1 ? (
            <Link href={auditLogHref(path, params.query, page - 1)} scroll={false} className={link}>
              ← Newer events
            </Link>
          ) : (
            <span />
          )}
          <span className="text-zinc-600 dark:text-zinc-400">
            Page {page} of {pageCount} · {plural(total, 'event')}
          </span>
          {page < pageCount ? (
            <Link href={auditLogHref(path, params.query, page + 1)} scroll={false} className={link}>
              Older events →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
