import { JiraLogo } from '@/components/brand/jira-logo';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { CatalogueEntry } from '@/lib/integrations/catalogue';

interface JiraCardProps {
  entry: CatalogueEntry;
  isAdmin: boolean;
  configured: boolean;
}

export function JiraCard({ entry, isAdmin, configured }: JiraCardProps) {
  return (
    <article
      aria-labelledby="jira-card-title"
      className="flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-start gap-4">
        <div className="flex size-11 shrink-0 items-center justify-center rounded-lg bg-zinc-50 ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800">
          <JiraLogo className="size-7" />
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id="jira-card-title" className="font-semibold">
              {entry.name}
            </h3>
            <Badge>Not connected</Badge>
          </div>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{entry.description}</p>
        </div>
      </div>
      <div className="mt-5 flex items-center justify-end gap-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        {!isAdmin ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">An admin of your organization can connect Jira.</p>
        ) : configured ? (
          <form action="/api/integrations/jira/authorize" method="post">
            <Button type="submit">Connect</Button>
          </form>
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Jira is not configured: set ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET.
            </p>
            <Button type="button" disabled>
              Connect
            </Button>
          </>
        )}
      </div>
    </article>
  );
}
