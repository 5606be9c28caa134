import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import { TextWithTimes } from '@/components/ui/text-with-times';
import { listNotifications } from '@/db/queries/notifications';
import { requireOrgMember } from '@/lib/auth/guards';
import { RESOLVED_FIX } from '@/lib/notifications/bell';
import { markAllNotificationsReadAction, markNotificationReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

const STATE = {
  open: { label: 'Needs action', tone: 'warning' },
  resolved: { label: 'Resolved', tone: 'success' },
  info: { label: 'For your information', tone: 'neutral' },
} as const;

export default async function NotificationsPage() {
  const member = await requireOrgMember();
  const items = await listNotifications(member.orgId, member.userId);
  const unread = items.filter((item) => !item.readAt).length;
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            What broke on your connections and the one thing to do about it.{' '}
            <Link href="/settings/notifications" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Choose what you are told
            </Link>
            .
          </p>
        </div>
        {unread > 0 ? (
          <form action={markAllNotificationsReadAction}>
            <button type="submit" className={buttonClasses('secondary')}>
              Mark all read
            </button>
          </form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Nothing yet. When a connection you own breaks, you will hear about it here.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Notifications">
          {items.map((item) => {
            const state = STATE[item.state as keyof typeof STATE] ?? STATE.info;
            return (
              <li
                key={item.id}
                className={`rounded-xl border bg-white p-4 shadow-sm dark:bg-zinc-900 ${item.readAt ? 'border-zinc-200 dark:border-zinc-800' : 'border-indigo-300 dark:border-indigo-700'}`}
              >
                <article aria-labelledby={`n-${item.id}`} className="space-y-2">
                  <div className="flex flex-wrap items-center gap-2">
                    {item.readAt ? null : <Badge tone="info">Unread</Badge>}
                    <Badge tone={state.tone}>{state.label}</Badge>
                    <LocalTime date={item.lastEventAt} className="text-xs text-zinc-600 dark:text-zinc-400" />
                  </div>
                  <h2 id={`n-${item.id}`} className={`text-base ${item.readAt ? 'font-medium' : 'font-semibold'}`}>
                    {item.title}
                  </h2>
                  <p className="text-sm text-zinc-700 dark:text-zinc-300"><TextWithTimes text={item.diagnosis} /></p>
                  {/* One thread per connection and state change: a flapping one counts its breaks here. */}
                  {item.breaks > 1 ? (
                    <p className="text-sm font-medium text-amber-800 dark:text-amber-300">
                      Broke {item.breaks} times, the first <LocalTime date={item.firstBrokeAt} />.
                    </p>
                  ) : null}
                  {item.state === 'resolved' ? (
                    <p className="text-sm text-emerald-800 dark:text-emerald-300">
                      {item.resolvedAt ? (
                        <>
                          It recovered <LocalTime date={item.resolvedAt} />; nothing to do now.
                        </>
                      ) : (
                        RESOLVED_FIX
                      )}
                    </p>
                  ) : (
                    <p className="text-sm">
                      <span className="font-medium">What to do:</span> <TextWithTimes text={item.remedy} />
                    </p>
                  )}
                  <div className="flex flex-wrap items-center gap-3 pt-1">
                    <Link href={item.link} className={buttonClasses(item.state === 'open' ? 'primary' : 'secondary')}>
                      {item.state === 'open' ? 'Fix it' : 'Open'}
                      <span className="sr-only">: {item.title}</span>
                    </Link>
                    {item.readAt ? null : (
                      <form action={markNotificationReadAction}>
                        <input type="hidden" name="id" value={item.id} />
                        <button type="submit" className={buttonClasses('ghost')}>
                          Mark read<span className="sr-only">: {item.title}</span>
                        </button>
                      </form>
                    )}
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
