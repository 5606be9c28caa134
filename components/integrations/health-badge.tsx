import { Badge } from '@/components/ui/badge';
import { RUN_HEALTH } from '@/lib/integrations/jira/diagnostics/presentation';
import type { RunOutcome } from '@/lib/integrations/jira/diagnostics/types';
import { LocalTime } from '@/components/ui/local-time';

export interface ConnectionHealth {
  outcome: RunOutcome;
  finishedAt: Date;
}

/** The latest diagnostics run of a connection: its verdict and when it ran. */
export function HealthBadge({ health }: { health: ConnectionHealth | null | undefined }) {
  if (!health) {
    return (
      <span className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        <Badge>Health not checked yet</Badge>
      </span>
    );
  }
  const { label, tone } = RUN_HEALTH[health.outcome];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
      <Badge tone={tone}>Health: {label}</Badge>
      <span>checked <LocalTime date={health.finishedAt} /></span>
    </span>
  );
}
