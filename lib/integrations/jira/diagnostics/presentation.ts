// How outcomes and triggers read in the UI. Pure: shared by the card, the connection page and
// the troubleshooting page.
import type { BadgeTone } from '@/components/ui/badge';
import type { CheckOutcome, DiagnosticTrigger, RunOutcome } from './types';

export const CHECK_OUTCOME: Record<CheckOutcome, { label: string; tone: BadgeTone }> = {
  failure: { label: 'Failed', tone: 'danger' },
  warning: { label: 'Warning', tone: 'warning' },
  pass: { label: 'Passed', tone: 'success' },
  skipped: { label: 'Not checked', tone: 'neutral' },
};

export const RUN_HEALTH: Record<RunOutcome, { label: string; tone: BadgeTone }> = {
  pass: { label: 'Healthy', tone: 'success' },
  warning: { label: 'Needs attention', tone: 'warning' },
  failure: { label: 'Problems found', tone: 'danger' },
};

export const TRIGGER_LABEL: Record<DiagnosticTrigger, string> = {
  manual: 'Run by an admin',
  after_connect: 'After connect',
  after_reconnect: 'After reconnect',
  scheduled: 'Scheduled',
  api: 'Through the API',
};

const SEVERITY: Record<CheckOutcome, number> = { failure: 0, warning: 1, pass: 2, skipped: 3 };

/** Problems first, in the checks' own order within each outcome. */
export function bySeverity<T extends { outcome: CheckOutcome }>(checks: readonly T[]): T[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => SEVERITY[a.check.outcome] - SEVERITY[b.check.outcome] || a.index - b.index)
    .map(({ check }) => check);
}
