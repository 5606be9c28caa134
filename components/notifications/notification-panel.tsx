'use client';

import Link from 'next/link';
import { LocalTime } from '@/components/ui/local-time';
import { TextWithTimes } from '@/components/ui/text-with-times';
import { renderTimeTokensUtc } from '@/lib/format/time-token';
import type { BellListState } from './use-notification-bell';

const LINK = 'font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-300';

/**
 * The popover's contents: the latest notifications (title, the one thing to do, when, an unread dot), each
 * linking to the page that fixes it. Opening a link marks that one read.
 */
export function NotificationPanel({
  list,
  unread,
  announcement,
  onRetry,
  onMarkAll,
  onOpenItem,
}: {
  list: BellListState;
  unread: number;
  announcement: string;
  onRetry: () => void;
  onMarkAll: () => void;
  onOpenItem: (id: string, read: boolean) => void;
}) {
  return (
    <>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id="notification-panel-title" className="text-sm font-semibold">
          Notifications
        </h2>
        {unread > 0 && list.status === 'ready' ? (
          <button type="button" onClick={onMarkAll} className={`rounded-sm text-sm ${LINK}`}>
            Mark all read
          </button>
        ) : null}
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {list.status === 'ready' && list.items.length > 0 ? (
        <ul aria-label="Latest notifications" className="max-h-[min(28rem,60dvh)] divide-y divide-zinc-200 overflow-y-auto dark:divide-zinc-800">
          {list.items.map((item) => (
            <li
              key={item.id}
              className="relative flex gap-3 px-4 py-3 hover:bg-zinc-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-indigo-600 dark:hover:bg-zinc-800/60"
            >
              <span
                aria-hidden="true"
                data-testid={item.read ? undefined : 'unread-dot'}
                className={`mt-1.5 size-2 shrink-0 rounded-full ${item.read ? '' : 'bg-indigo-600 dark:bg-indigo-400'}`}
              />
              <div className="min-w-0 flex-1 space-y-0.5">
                {/* The link covers the whole row (after:inset-0); the time sits above it so its UTC hover still shows. */}
                <Link
                  href={item.link}
                  onClick={() => onOpenItem(item.id, item.read)}
                  className={`block text-sm after:absolute after:inset-0 focus-visible:outline-none ${item.read ? 'font-medium text-zinc-800 dark:text-zinc-200' : 'font-semibold text-zinc-950 dark:text-white'}`}
                >
                  {item.read ? null : <span className="sr-only">Unread: </span>}
                  {item.title}
                </Link>
                <p className="truncate text-sm text-zinc-600 dark:text-zinc-400" title={renderTimeTokensUtc(item.fix)}>
                  {item.needsAction ? <span className="sr-only">What to do: </span> : null}
                  <TextWithTimes text={item.fix} />
                </p>
                <LocalTime date={item.lastEventAt} className="relative text-xs text-zinc-600 dark:text-zinc-400" />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <div className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400" aria-busy={list.status === 'loading' || list.status === 'idle'}>
          {list.status === 'error' ? (
            <p>
              Portico could not load your notifications.{' '}
              <button type="button" onClick={onRetry} className={`rounded-sm ${LINK}`}>
                Try again
              </button>
            </p>
          ) : list.status === 'ready' ? (
            <p>Nothing yet. When a connection you own breaks, you will hear about it here.</p>
          ) : (
            <p>Loading notifications…</p>
          )}
        </div>
      )}
      <div className="flex items-center justify-between gap-3 border-t border-zinc-200 px-4 py-2.5 text-sm dark:border-zinc-800">
        <Link href="/notifications" className={`rounded-sm ${LINK}`}>
          View all notifications
        </Link>
        <Link href="/settings/notifications" className="rounded-sm text-zinc-600 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-zinc-400">
          Preferences
        </Link>
      </div>
    </>
  );
}
