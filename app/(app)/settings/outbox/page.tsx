import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { WarningNotice } from '@/components/ui/warning-notice';
import { listOutbox } from '@/db/queries/notifications';
import { isAdmin, requireOrgMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';

export const metadata: Metadata = { title: 'Email outbox' };

const STATUS = {
  local: { label: 'Not sent: no SMTP server', tone: 'neutral' },
  queued: { label: 'Sending', tone: 'info' },
  sent: { label: 'Sent', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
} as const;

export default async function EmailOutboxPage() {
  const member = await requireOrgMember();
  const intro = (
    <div>
      <h1 className="text-lg font-semibold">Email outbox</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Every email Portico wrote for {member.orgName}.{' '}
        {env().SMTP_URL
          ? 'They are sent through the SMTP server in SMTP_URL, with retries.'
          : 'No SMTP server is configured (SMTP_URL), so nothing leaves Portico: this is exactly what would be sent.'}
      </p>
    </div>
  );
  if (!isAdmin(member)) {
    return (
      <div className="space-y-6">
        {intro}
        <WarningNotice>Only organization admins can read the outbox, because it holds email to every admin.</WarningNotice>
      </div>
    );
  }
  const emails = await listOutbox(member.orgId);
  return (
    <div className="space-y-6">
      {intro}
      {emails.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No email yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Emails">
          {emails.map((email) => {
            const status = STATUS[email.status as keyof typeof STATUS] ?? STATUS.local;
            return (
              <li key={email.id} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
                <article aria-labelledby={`e-${email.id}`} className="space-y-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    <span className="text-zinc-600 dark:text-zinc-400">
                      Written <LocalTime date={email.createdAt} />
                      {email.sentAt ? (
                        <>
                          , sent <LocalTime date={email.sentAt} />
                        </>
                      ) : null}
                    </span>
                    {email.lastError ? <span className="text-red-700 dark:text-red-300">Last attempt: {email.lastError}</span> : null}
                  </div>
                  <h2 id={`e-${email.id}`} className="font-semibold">
                    {email.subject}
                  </h2>
                  <p className="text-zinc-600 dark:text-zinc-400">To: {email.toAddress}</p>
                  <pre className="whitespace-pre-wrap break-words rounded-md bg-zinc-50 p-3 font-sans text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">{email.text}</pre>
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
