/** The editor's shape while Jira's statuses, priorities and projects load: no layout jump when they arrive. */
export function MetadataSkeleton({ failed }: { failed: boolean }) {
  if (failed) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        Portico could not load this site’s data from Jira yet.
      </p>
    );
  }
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="metadata-skeleton">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading statuses, priorities and projects from Jira…</p>
      <div aria-hidden="true" className="animate-pulse space-y-4 motion-reduce:animate-none">
        <div className="flex gap-3">
          <div className="h-9 flex-1 rounded-md bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-9 w-40 rounded-md bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-9 w-40 rounded-md bg-zinc-200 dark:bg-zinc-800" />
        </div>
        <div className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {Array.from({ length: 8 }, (_, index) => (
            <div key={index} className="flex items-center gap-4 px-4 py-3">
              <div className="h-4 w-40 rounded bg-zinc-200 dark:bg-zinc-800" />
              <div className="h-4 w-24 rounded bg-zinc-100 dark:bg-zinc-800/70" />
              <div className="ml-auto h-8 w-44 rounded-md bg-zinc-200 dark:bg-zinc-800" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
