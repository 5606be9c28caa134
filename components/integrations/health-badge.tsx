import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { ConnectionView, HealthView } from '@/lib/integrations/jira/connection-state';
import { LiveRefresh } from './live-refresh';

/** A connection's status and health as the one state model derives them (connection-state.ts). */
export function ConnectionStateBadges({ view }: { view: ConnectionView }) {
  return (
    <>
      {view.status ? <Badge tone={view.status.tone}>{view.status.label}</Badge> : null}
      <HealthBadge health={view.health} />
      {view.live ? <LiveRefresh /> : null}
    </>
  );
}

/** The health part alone: a running check, no check yet, or the latest result with its time (marked when stale). */
export function HealthBadge({ health }: { health: HealthView }) {
  switch (health.kind) {
    case 'hidden':
      return null;
    case 'checking':
      return (
        // aria-live without role="status": pages keep one status region, the outcome banner.
        <span aria-live="polite" className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <Badge tone="info">
            <span aria-hidden className="size-2 animate-pulse rounded-full bg-current" />
            Checking…
          </Badge>
        </span>
      );
    case 'unchecked':
      return <Badge>{health.label}</Badge>;
    case 'result':
      return (
        <span className="inline-flex flex-wrap items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <Badge tone={health.tone}>Health: {health.label}</Badge>
          {health.stale ? (
            <>
              <Badge>Out of date</Badge>
              <span>
                last checked <LocalTime date={health.checkedAt} />
              </span>
            </>
          ) : (
            <span>
              checked <LocalTime date={health.checkedAt} />
            </span>
          )}
        </span>
      );
  }
}
