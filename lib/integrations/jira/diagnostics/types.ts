// The diagnostics contract: what a run stores and what the UI and the REST API read. Pure.

export type DiagnosticTrigger = 'manual' | 'after_connect' | 'after_reconnect' | 'scheduled' | 'api';
export type CheckOutcome = 'pass' | 'warning' | 'failure' | 'skipped';
export type CheckAction = 'reconnect' | 'edit_project_filter' | 'rerun' | 'verify_credentials' | 'fix_app_settings';
export type CheckId =
  | 'app_credentials'
  | 'grant'
  | 'site'
  | 'scopes'
  | 'authorizing_user'
  | 'projects'
  | 'rate_limits'
  | 'upstream'
  | 'callback';

/** What Portico asked and what Atlassian answered, in words: never a token, secret or raw body. */
export interface CheckEvidence {
  asked: string;
  answered: string;
}

export interface CheckResult {
  id: CheckId;
  title: string;
  outcome: CheckOutcome;
  /** One plain sentence. */
  summary: string;
  evidence: CheckEvidence[];
  /** What to do, as a full sentence; on a pass, an optional tip. */
  remedy: string | null;
  action: CheckAction | null;
}

export type RunOutcome = 'pass' | 'warning' | 'failure';

export interface DiagnosticRun {
  id: string;
  connectionId: string;
  trigger: DiagnosticTrigger;
  outcome: RunOutcome;
  startedAt: Date;
  finishedAt: Date;
  checks: CheckResult[];
}

export const DIAGNOSTIC_TRIGGERS: readonly DiagnosticTrigger[] = [
  'manual',
  'after_connect',
  'after_reconnect',
  'scheduled',
  'api',
];

/** The worst outcome of a run's checks; skipped checks count for nothing. */
export function worstOutcome(checks: readonly Pick<CheckResult, 'outcome'>[]): RunOutcome {
  if (checks.some((check) => check.outcome === 'failure')) return 'failure';
  if (checks.some((check) => check.outcome === 'warning')) return 'warning';
  return 'pass';
}

/** A stored outcome read back from the database. */
export function toRunOutcome(value: string): RunOutcome {
  return value === 'pass' || value === 'warning' ? value : 'failure';
}
