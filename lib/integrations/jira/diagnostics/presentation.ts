// How outcomes and triggers read in the UI. Pure: shared by the card, the connection page and
// the troubleshooting page.
import type { BadgeTone } from '@/lib/badge-tone';
import type { CheckId, CheckOutcome, DiagnosticRun, DiagnosticTrigger, RunOutcome } from './types';

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

/** Who or what started a run, in words: the admin by name for a manual run ("Run by Ada Admin"). */
export function describeRunStarter(run: Pick<DiagnosticRun, 'trigger' | 'startedByName'>): string {
  if (run.trigger !== 'manual') return TRIGGER_LABEL[run.trigger];
  return run.startedByName ? `Run by ${run.startedByName}` : 'Run by an admin whose account was removed';
}

const SEVERITY: Record<CheckOutcome, number> = { failure: 0, warning: 1, pass: 2, skipped: 3 };

/** Problems first, in the checks' own order within each outcome. */
export function bySeverity<T extends { outcome: CheckOutcome }>(checks: readonly T[]): T[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => SEVERITY[a.check.outcome] - SEVERITY[b.check.outcome] || a.index - b.index)
    .map(({ check }) => check);
}

/** What each check is about, for an admin who has never read Atlassian's documentation. */
export const CHECK_EXPLAINER: Record<CheckId, string> = {
  app_credentials:
    'Portico talks to Atlassian through an OAuth app registered in the Atlassian developer console; its client ID and secret must match.',
  grant:
    'When someone connects Jira, Atlassian gives Portico an authorization that Portico renews by itself; it ends if it is revoked or unused for 90 days.',
  site: 'One authorization can reach several Jira sites; this connection needs its own site to stay among them.',
  scopes:
    'Scopes are the permissions Portico’s app asks Atlassian for; Atlassian lets Portico do only what they cover.',
  authorizing_user:
    'Portico sees Jira through the eyes of the Atlassian user who connected it: it can read only what that user can.',
  projects:
    'The project filter lists the Jira projects Portico reads; the user Portico connects as must be allowed to browse each one.',
  rate_limits:
    'Atlassian limits how many requests an app may make; beyond that it answers “429 Too Many Requests” for a while.',
  upstream: 'A failed request means different things: a refusal needs someone to act, an outage passes by itself.',
  callback:
    'After the user accepts at Atlassian, Atlassian sends them back to Portico’s callback URL to finish connecting.',
  webhooks:
    'Jira calls Portico within seconds of a change (a webhook) when it can reach Portico’s address; otherwise Portico finds changes by polling.',
};
