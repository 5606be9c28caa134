import { Badge, type BadgeTone } from '@/components/ui/badge';
import {
  STANDARD_PRIORITY_INFO,
  STANDARD_STATUS_INFO,
  StandardPrioritySchema,
  StandardStatusSchema,
  type StandardPriority,
  type StandardStatus,
} from '@/lib/integrations/jira/mapping/standard-model';

const STATUS_TONE: Record<StandardStatus, BadgeTone> = {
  OPEN: 'info',
  TODO: 'neutral',
  IN_PROGRESS: 'info',
  IN_REVIEW: 'info',
  BLOCKED: 'danger',
  PENDING: 'warning',
  RESOLVED: 'success',
  CLOSED: 'success',
  CANCELLED: 'neutral',
  UNKNOWN: 'warning',
};

const PRIORITY_TONE: Record<StandardPriority, BadgeTone> = {
  CRITICAL: 'danger',
  HIGH: 'warning',
  MEDIUM: 'neutral',
  LOW: 'neutral',
  INFORMATIONAL: 'neutral',
  UNKNOWN: 'warning',
};

/** The standard value, with Jira's own name beside it so a reader can check the mapping at a glance. */
export function StatusCell({ standard, raw }: { standard: string; raw: string }) {
  const status = StandardStatusSchema.catch('UNKNOWN').parse(standard);
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge tone={STATUS_TONE[status]}>{STANDARD_STATUS_INFO[status].label}</Badge>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">Jira: {raw}</span>
    </span>
  );
}

export function PriorityCell({ standard, raw }: { standard: string; raw: string | null }) {
  const priority = StandardPrioritySchema.catch('UNKNOWN').parse(standard);
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge tone={PRIORITY_TONE[priority]}>{STANDARD_PRIORITY_INFO[priority].label}</Badge>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">Jira: {raw ?? 'none'}</span>
    </span>
  );
}
