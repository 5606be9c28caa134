'use client';

/**
 * What the last read from Jira could not tell (fetch-metadata.ts builds these sentences): why
 * "Used in" shows "—", why statuses were read project by project, which filtered projects the
 * authorizing user cannot see. Each sentence ends with the one thing an admin can do about it.
 */
export function MetadataWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section
      aria-label="Notes about the Jira data"
      className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200 dark:ring-amber-400/20"
    >
      <h2 className="font-medium">{warnings.length === 1 ? 'One thing to know about this Jira data' : `${warnings.length} things to know about this Jira data`}</h2>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </section>
  );
}
