import type { ReactNode } from 'react';

/**
 * The amber call-out for what the reader must know or do before going on. An alert by default; `status` for
 * what the page says politely (it was not caused by the reader's last action).
 */
export function WarningNotice({ role = 'alert', children }: { role?: 'alert' | 'status'; children: ReactNode }) {
  return (
    <div role={role} className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200">
      {children}
    </div>
  );
}
