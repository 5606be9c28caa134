import Link from 'next/link';
import type { ReactNode } from 'react';
import { PorticoMark } from '@/components/brand/portico-mark';
import { MainNav } from '@/components/layout/main-nav';
import { QueryProvider } from '@/components/providers/query-provider';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { Badge } from '@/components/ui/badge';
import { countUnread } from '@/db/queries/notifications';
import { requireOrgMember } from '@/lib/auth/guards';
import { signOutAction } from './actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const member = await requireOrgMember();
  const unread = await countUnread(member.orgId, member.userId);
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-semibold text-indigo-700 shadow focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50 dark:bg-zinc-900 dark:text-indigo-300"
      >
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 px-4 sm:h-14 sm:flex-nowrap sm:px-6">
          <div className="flex h-14 min-w-0 items-center gap-6">
            <Link href="/settings/integrations" className="flex min-w-0 items-center gap-2.5 font-semibold tracking-tight">
              <PorticoMark className="size-7" />
              <span>Portico</span>
              <span className="text-zinc-300 dark:text-zinc-700" aria-hidden="true">/</span>
              <span className="max-w-[16rem] truncate font-medium text-zinc-600 dark:text-zinc-300">{member.orgName}</span>
            </Link>
          </div>
          <MainNav />
          <div className="flex h-14 items-center gap-3 text-sm sm:ml-auto">
            {/* Not keyed by the count: a remount would close its open popover; it adopts a new server count itself. */}
            <NotificationBell initialUnread={unread} />
            <span className="hidden text-right sm:block">
              <span className="block font-medium leading-tight">{member.name}</span>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{member.email}</span>
            </span>
            <Badge tone={member.role === 'admin' ? 'info' : 'neutral'}>{member.role === 'admin' ? 'Admin' : 'Member'}</Badge>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md px-2.5 py-1.5 font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} className="outline-none">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </div>
  );
}
