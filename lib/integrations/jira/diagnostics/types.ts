// The diagnostics contract: what a run stores and what the UI and the REST API read. Pure.

export const DIAGNOSTIC_TRIGGERS = ['manual', 'after_connect', 'after_reconnect', 'scheduled', 'api'] as const;
export type DiagnosticTrigger = (typeof DIAGNOSTIC_TRIGGERS)[number];
export const CHECK_OUTCOMES = ['pass', 'warning', 'failure', 'skipped'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const CHECK_ACTIONS = ['reconnect', 'edit_project_filter', 'rerun', 'fix_app_settings'] as const;
export type CheckAction = (typeof CHECK_ACTIONS)[number];
/** In the order the checks run and are shown. */
export const CHECK_IDS = [
  'app_credentials',
  'grant',
  'site',
  'scopes',
  'authorizing_user',
  'projects',
  'rate_limits',
  'upstream',
  'callback',
  'webhooks',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

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
  /** The admin who pressed Run (manual runs); null when that account is gone or nobody did. */
  startedByName?: string | null;
}

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
