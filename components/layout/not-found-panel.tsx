import Link from 'next/link';
import { PorticoMark } from '@/components/brand/portico-mark';
import { buttonClasses } from '@/components/ui/button';

/** What a missing page says: the same words inside the app's frame and outside it, with a way back. */
export function NotFoundPanel() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-4 py-20 text-center">
      <PorticoMark className="size-10" />
      <p className="mt-6 text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        The link may be mistyped, or what it pointed to was deleted, such as a Jira connection that was removed.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link href="/settings/integrations" className={buttonClasses('primary')}>
          Back to Integrations
        </Link>
        <Link href="/tickets" className={buttonClasses('secondary')}>
          Tickets
        </Link>
      </div>
    </div>
  );
}
