// Check 10: whether Jira's changes reach Portico within seconds. Webhooks registered, their expiry, the last
// delivery, and whether Atlassian can call PORTICO_BASE_URL at all. Polling keeps tickets current without
// them, so nothing here is a failure: a warning says what is slower and how to fix it.
import { timeToken } from '@/lib/format/time-token';
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import { notAuthorized, skipped, TITLES } from './shared';

const id = 'webhooks';
const title = TITLES[id];
const DAY_MS = 86_400_000;
const SLOWER = 'Until then Portico polls Jira every refresh interval, and sees deleted issues only when it reconciles.';

export function checkWebhooks(facts: DiagnosticFacts): CheckResult {
  const blocked = notAuthorized(facts);
  if (blocked) return skipped(id, blocked);
  const w = facts.webhooks;
  const evidence: CheckEvidence[] = [
    { asked: 'Where Atlassian sends deliveries (PORTICO_BASE_URL)', answered: w.unreachable ? `${w.baseUrl}: Atlassian cannot reach it` : `${w.baseUrl}/api/webhooks/jira` },
    { asked: 'Webhooks Portico registered for this site', answered: w.status === 'registered' ? `registered${w.expiresAt ? `, expiring ${timeToken(w.expiresAt)} unless refreshed (Portico refreshes them a week before)` : ''}` : `none (${w.status.replace(/_/g, ' ')})` },
    { asked: 'Deliveries received', answered: `${w.deliveriesLast24h} in the last 24 hours${w.lastDeliveryAt ? `, the last ${timeToken(w.lastDeliveryAt, 'on')}` : ', none ever'}` },
  ];
  const warn = (summary: string, remedy: string, action: CheckResult['action'] = null): CheckResult => ({ id, title, outcome: 'warning', summary, evidence, remedy, action });

  if (w.unreachable) return warn('Atlassian cannot deliver webhooks to Portico’s address, so changes arrive only by polling.', `${w.unreachable} ${SLOWER}`);
  if (w.status === 'missing_scope') return warn('The connection was not granted manage:jira-webhook, so Portico cannot register webhooks.', `Add manage:jira-webhook to the app's permissions (your own app: in the Atlassian developer console), then press Reconnect and accept at Atlassian. ${SLOWER}`, 'reconnect');
  if (w.status !== 'registered') return warn('No webhooks are registered for this site, so changes arrive only by polling.', `${w.reason ?? 'Portico registers them after a connect and retries every hour.'} ${SLOWER}`);
  if (w.expiresAt && w.expiresAt.getTime() <= facts.now.getTime()) {
    return warn('Portico’s webhooks for this site have expired: Jira no longer sends changes.', `Portico re-registers them within the hour; make sure its background workers are running. ${SLOWER}`);
  }
  if (w.expiresAt && w.expiresAt.getTime() - facts.now.getTime() < 3 * DAY_MS) {
    return warn('Portico’s webhooks expire in under three days and have not been refreshed.', 'Portico refreshes them a week before they expire: check that its background workers are running (Settings › Background jobs, job “Refresh expiring Jira webhooks”).');
  }
  return {
    id,
    title,
    outcome: 'pass',
    summary: w.lastDeliveryAt
      ? 'Webhooks are registered and Jira’s changes reach Portico within seconds; polling still runs as a safety net.'
      : 'Webhooks are registered; no change has been delivered yet (deliveries start with the next change in the filtered projects).',
    evidence,
    remedy: null,
    action: null,
  };
}
