import { Badge } from '@/components/ui/badge';
import { formatUtcLabel } from '@/lib/format/date-time';
import { RUN_HEALTH } from '@/lib/integrations/jira/diagnostics/presentation';
import type { RunOutcome } from '@/lib/integrations/jira/diagnostics/types';

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
      <span>checked {formatUtcLabel(health.finishedAt)}</span>
    </span>
  );
}
