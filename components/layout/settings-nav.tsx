'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const ITEMS = [
  { href: '/settings/integrations', label: 'Integrations' },
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/api-keys', label: 'API keys' },
  { href: '/settings/api-keys/docs', label: 'API reference' },
  { href: '/settings/webhooks', label: 'Webhooks' },
  { href: '/settings/background-jobs', label: 'Background jobs' },
  { href: '/settings/notifications', label: 'Notifications' },
  { href: '/settings/outbox', label: 'Email outbox' },
] as const;

/** The longest matching entry is the current one, so /settings/api-keys/docs is not also "API keys". */
function currentHref(pathname: string): string | undefined {
  return ITEMS.map((item) => item.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * A column beside the page from md up; on a phone the entries wrap into rows above it. (A sideways-scrolling row
 * cut "API reference" in half at 390 px and hid Webhooks, Background jobs, Notifications and Email outbox.)
 */
export function SettingsNav() {
  const current = currentHref(usePathname());
  return (
    <nav aria-label="Settings">
      <ul className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
        {ITEMS.map((item) => {
          const active = item.href === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
                  active
                    ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-indigo-300 dark:ring-zinc-800'
                    : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-900'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
