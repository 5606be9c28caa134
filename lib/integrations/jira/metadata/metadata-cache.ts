import 'server-only';
import { runOnceAtATime, type LockKey } from '@/db/advisory-lock';
import { getMetadataCacheRow, recordMetadataError, saveMetadata, type MetadataCacheRow } from '@/db/queries/jira-metadata';
import type { MetadataRefreshError } from '@/db/schema';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { jiraClientForTarget } from '../connection-client';
import { GrantUnusableError } from '../token-store';
import { describeRefreshError } from './describe-refresh-error';
import { createRequestCounter, fetchJiraMetadata, METADATA_CONCURRENCY } from './fetch-metadata';
import { refreshDecision, throttledMessage, type RefreshPolicy } from './refresh-decision';
import type { JiraMetadata } from './types';
import { log } from '@/lib/observability/request-context';

/** After a failed refresh, page loads wait this long before asking Jira again (Refresh does not). */
const ERROR_BACKOFF_MS = 60_000;
/** Cached Jira data older than this is refreshed (in the background on page loads) and shown as old. */
export const METADATA_MAX_AGE_MS = 5 * 60_000;
/** A member's Refresh click within this long of the last refresh gets that refresh's result, not a new one. */
export const METADATA_REFRESH_MIN_INTERVAL_MS = 30_000;
/** How long a caller waits for someone else's refresh before answering with what the cache holds. */
const MAX_WAIT_MS = 2 * 60_000;

export type CachedMetadata = {
  metadata?: JiraMetadata;
  refreshing: boolean;
  /** The data is older than METADATA_MAX_AGE_MS, or the last refresh failed: Jira may have changed since. */
  stale: boolean;
  lastError?: MetadataRefreshError;
};

export type RefreshOutcome =
  | { outcome: 'refreshed' | 'joined' | 'up_to_date' | 'backing_off' }
  | { outcome: 'throttled'; retryAfterSecs: number; message: string }
  | { outcome: 'busy'; message: string };

const lockKey = (connectionId: string): LockKey => ({ namespace: 'metadata_refresh', id: connectionId });

/** The cached metadata as the editors show it; never calls Jira. */
export async function getCachedMetadata(orgId: string, connectionId: string): Promise<CachedMetadata> {
  const row = await getMetadataCacheRow(orgId, connectionId);
  if (!row) return { refreshing: false, stale: false };
  const metadata = toMetadata(row);
  return {
    ...(metadata ? { metadata } : {}),
    refreshing: row.refreshing,
    stale: metadata !== undefined && (row.lastError !== null || (row.fetchedAgeMs ?? 0) > METADATA_MAX_AGE_MS),
    ...(row.lastError ? { lastError: row.lastError } : {}),
  };
}

/**
 * Reads Jira's metadata through the connection and caches it; returns what the cache then holds.
 * Without `force`, data younger than `maxAgeMs` (default 5 min) is returned as is. Jira and grant
 * failures are recorded as `lastError` and the previous data is returned (undefined if there never
 * was any); only unexpected errors throw. Single-flight as described at refreshOnce.
 */
export async function refreshMetadata(
  orgId: string,
  connectionId: string,
  options: { force?: boolean; maxAgeMs?: number } = {},
): Promise<JiraMetadata | undefined> {
  const policy: RefreshPolicy = options.force
    ? { kind: 'force' }
    : { kind: 'if_stale', maxAgeMs: options.maxAgeMs ?? METADATA_MAX_AGE_MS, errorBackoffMs: ERROR_BACKOFF_MS };
  await refreshOnce(orgId, connectionId, policy, { wait: true });
  return (await getCachedMetadata(orgId, connectionId)).metadata;
}

/** A member's "Refresh from Jira": a new Jira read unless one finished within the last 30 s. */
export function requestMetadataRefresh(orgId: string, connectionId: string): Promise<RefreshOutcome> {
  return refreshOnce(orgId, connectionId, { kind: 'on_request', minIntervalMs: METADATA_REFRESH_MIN_INTERVAL_MS }, { wait: true });
}

/** For page loads: starts a refresh when the data is older than `maxAgeMs` and nobody is refreshing. Never throws. */
export function refreshMetadataInBackground(orgId: string, connectionId: string, maxAgeMs = METADATA_MAX_AGE_MS): void {
  refreshOnce(orgId, connectionId, { kind: 'if_stale', maxAgeMs, errorBackoffMs: ERROR_BACKOFF_MS }, { wait: false }).catch(
    (error: unknown) => log().error({ err: error, orgId, connectionId }, 'background refresh of Jira metadata failed'),
  );
}

/**
 * Single-flight per connection across processes, under a session advisory lock: a caller that finds
 * a refresh running does not start a second one but waits for it and shares its result (a finished
 * refresh stamps `last_attempt_at`). If the holder dies, PostgreSQL frees the lock with its session
 * and, no result having landed, the waiter takes over at once instead of waiting out a lease.
 */
async function refreshOnce(orgId: string, connectionId: string, policy: RefreshPolicy, options: { wait: boolean }): Promise<RefreshOutcome> {
  const first = await getMetadataCacheRow(orgId, connectionId);
  // Decided once without the lock, so page loads on fresh data never touch it, and again under it.
  const early = decide(policy, first);
  if (early) return early;
  const flight = await runOnceAtATime(lockKey(connectionId), {
    read: () => getMetadataCacheRow(orgId, connectionId),
    stampOf: attemptStamp,
    seen: attemptStamp(first),
    wait: options.wait,
    deadline: Date.now() + MAX_WAIT_MS,
    work: async (row): Promise<RefreshOutcome> => {
      const skip = decide(policy, row);
      if (skip) return skip;
      await runRefresh(orgId, connectionId, { retryStatusSearch: policy.kind !== 'if_stale', previous: row });
      return { outcome: 'refreshed' };
    },
  });
  if (flight.kind === 'ran') return flight.value;
  return flight.kind === 'joined' ? { outcome: 'joined' } : { outcome: 'busy', message: BUSY_MESSAGE };
}

/** The outcome when the policy says not to ask Jira, undefined when it says to. */
function decide(policy: RefreshPolicy, row: MetadataCacheRow | undefined): RefreshOutcome | undefined {
  const ages = row ? { fetchedAgeMs: row.fetchedAgeMs, attemptAgeMs: row.attemptAgeMs, lastAttemptFailed: row.lastError !== null } : undefined;
  const decision = refreshDecision(policy, ages);
  if (decision.reason === 'throttled') {
    return { outcome: 'throttled', retryAfterSecs: decision.retryAfterSecs, message: throttledMessage(decision) };
  }
  return decision.refresh ? undefined : { outcome: decision.reason };
}

const BUSY_MESSAGE = 'Another refresh from Jira is still running; showing the data Portico already has. Try again in a minute.';

const attemptStamp = (row: MetadataCacheRow | undefined) => row?.lastAttemptAt?.getTime() ?? null;

async function runRefresh(orgId: string, connectionId: string, options: { retryStatusSearch: boolean; previous: MetadataCacheRow | undefined }) {
  try {
    const source = await getConnectionTarget(orgId, connectionId);
    if (!source) throw new GrantUnusableError('not_connected');
    // Counting requests through onCall is why this builds the client from the loaded row.
    const counter = createRequestCounter();
    const client = jiraClientForTarget(orgId, source, { onCall: counter.onCall, maxConcurrency: METADATA_CONCURRENCY });
    const metadata = await fetchJiraMetadata(client, {
      grantedScopes: source.grantedScopes,
      projectKeys: source.projectFilter,
      requestCount: counter.count,
      skipStatusSearch: !options.retryStatusSearch && options.previous?.stats?.statusSearchRefused === true,
    });
    await saveMetadata(orgId, connectionId, metadata);
  } catch (error) {
    const described = describeRefreshError(error);
    await recordMetadataError(orgId, connectionId, { ...described, at: new Date().toISOString() });
    if (described.kind === 'unexpected') throw error;
  }
}

function toMetadata(row: MetadataCacheRow): JiraMetadata | undefined {
  if (!row.fetchedAt || !row.stats) return undefined;
  return {
    projects: row.projects,
    statuses: row.statuses,
    otherStatuses: row.otherStatuses,
    priorities: row.priorities,
    fetchedAt: row.fetchedAt.toISOString(),
    stats: row.stats,
    warnings: row.warnings,
  };
}
