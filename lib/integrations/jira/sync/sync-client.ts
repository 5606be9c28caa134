import 'server-only';
import type { SyncTarget } from '@/db/queries/jira-sync';
import type { JiraClient } from '../client';
import { jiraClientForTarget } from '../connection-client';
import { GrantUnusableError } from '../token-store';

/**
 * The sync's Jira client: through connection-client.ts, so every call is counted for the rate-limit
 * diagnostics. One request in flight per step: a connection's pages are read one after the other anyway,
 * and a site shared by many connections is not hit by bursts. A Retry-After up to 10 s is waited out by the
 * client; a longer one fails the step with rate_limited, and the job is rescheduled after it (sync-jobs.ts).
 */
export function syncClient(orgId: string, target: SyncTarget): JiraClient {
  if (!target.grantId || !target.cloudId) throw new GrantUnusableError('not_connected');
  return jiraClientForTarget(orgId, target, { timeoutMs: 30_000 });
}

/** Why a step did nothing, before any Jira call: a paused or disconnected connection costs 0 calls. */
export type SkipReason = 'not_found' | 'not_connected' | 'paused';

export function skipReason(target: SyncTarget | undefined): SkipReason | null {
  if (!target) return 'not_found';
  if (target.status !== 'connected' || !target.grantId || !target.cloudId) return 'not_connected';
  if (target.state?.paused) return 'paused';
  return null;
}
