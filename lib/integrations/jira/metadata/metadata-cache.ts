import 'server-only';
import {
  claimMetadataRefresh,
  getMetadataCacheRow,
  recordMetadataError,
  renewMetadataClaim,
  saveMetadata,
  type MetadataCacheRow,
} from '@/db/queries/jira-metadata';
import type { MetadataRefreshError } from '@/db/schema';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { jiraClientForTarget } from '../connection-client';
import { GrantUnusableError } from '../token-store';
import { describeRefreshError } from './describe-refresh-error';
import { createRequestCounter, fetchJiraMetadata } from './fetch-metadata';
import type { JiraMetadata } from './types';
import { log } from '@/lib/observability/request-context';

/** A claim not renewed for this long belongs to a process that died; another may take over. */
const LEASE_MS = 60_000;
const RENEW_EVERY_MS = 20_000;
/** After a failed refresh, page loads wait this long before asking Jira again (Refresh does not). */
const ERROR_BACKOFF_MS = 60_000;
/** Cached Jira data older than this is refreshed (in the background on page loads). */
export const METADATA_MAX_AGE_MS = 5 * 60_000;
const WAIT_POLL_MS = 200;
const MAX_WAIT_MS = 5 * 60_000;

export type CachedMetadata = { metadata?: JiraMetadata; refreshing: boolean; lastError?: MetadataRefreshError };

/** The cached metadata as the editors show it; never calls Jira. */
export async function getCachedMetadata(orgId: string, connectionId: string): Promise<CachedMetadata> {
  const row = await getMetadataCacheRow(orgId, connectionId, { leaseMs: LEASE_MS });
  if (!row) return { refreshing: false };
  const metadata = toMetadata(row);
  return { ...(metadata ? { metadata } : {}), refreshing: row.refreshing, ...(row.lastError ? { lastError: row.lastError } : {}) };
}

/**
 * Reads Jira's metadata through the connection and caches it. Single-flight per connection across
 * processes: when another refresh is running, this one does not start a second but WAITS for it
 * and returns what it stored. Without `force`, data younger than `maxAgeMs` (default 5 min) is
 * returned as is. Jira and grant failures are recorded as `lastError` and the previous data is
 * returned (undefined if there never was any); only unexpected errors throw.
 */
export async function refreshMetadata(
  orgId: string,
  connectionId: string,
  options: { force?: boolean; maxAgeMs?: number } = {},
): Promise<JiraMetadata | undefined> {
  const claim = await claimMetadataRefresh(orgId, connectionId, {
    leaseMs: LEASE_MS,
    ...(options.force ? {} : { staleAfterMs: options.maxAgeMs ?? METADATA_MAX_AGE_MS, errorBackoffMs: ERROR_BACKOFF_MS }),
  });
  if (claim) return runRefresh(orgId, connectionId, claim, { retryStatusSearch: options.force === true });
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const cached = await getCachedMetadata(orgId, connectionId);
    if (!cached.refreshing || Date.now() > deadline) return cached.metadata;
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

/** For page loads: starts a refresh when the data is older than `maxAgeMs` and nobody is refreshing. Never throws. */
export function refreshMetadataInBackground(orgId: string, connectionId: string, maxAgeMs = METADATA_MAX_AGE_MS): void {
  void (async () => {
    const claim = await claimMetadataRefresh(orgId, connectionId, { leaseMs: LEASE_MS, staleAfterMs: maxAgeMs, errorBackoffMs: ERROR_BACKOFF_MS });
    if (claim) await runRefresh(orgId, connectionId, claim, { retryStatusSearch: false });
  })().catch((error: unknown) => {
    log().error({ err: error, orgId, connectionId }, 'background refresh of Jira metadata failed');
  });
}

async function runRefresh(orgId: string, connectionId: string, claim: Date, options: { retryStatusSearch: boolean }) {
  let currentClaim = claim;
  let renewing = Promise.resolve();
  const renew = setInterval(() => {
    renewing = renewing
      .then(() => renewMetadataClaim(orgId, connectionId, currentClaim))
      .then((renewed) => void (renewed && (currentClaim = renewed)))
      .catch(() => undefined);
  }, RENEW_EVERY_MS);
  renew.unref();
  // The claim is released by value, so a renewal still in flight must land first.
  const stopRenewing = async () => {
    clearInterval(renew);
    await renewing;
  };
  try {
    const [source, previous] = await Promise.all([
      getConnectionTarget(orgId, connectionId),
      getMetadataCacheRow(orgId, connectionId, { leaseMs: LEASE_MS }),
    ]);
    if (!source) throw new GrantUnusableError('not_connected');
    // Counting requests through onCall is why this builds the client from the loaded row.
    const counter = createRequestCounter();
    const client = jiraClientForTarget(orgId, source, { onCall: counter.onCall });
    const metadata = await fetchJiraMetadata(client, {
      grantedScopes: source.grantedScopes,
      projectKeys: source.projectFilter,
      requestCount: counter.count,
      skipStatusSearch: !options.retryStatusSearch && previous?.stats?.statusSearchRefused === true,
    });
    await stopRenewing();
    await saveMetadata(orgId, connectionId, metadata, currentClaim);
    return metadata;
  } catch (error) {
    await stopRenewing();
    const described = describeRefreshError(error);
    await recordMetadataError(orgId, connectionId, { ...described, at: new Date().toISOString() }, currentClaim);
    if (described.kind === 'unexpected') throw error;
    return (await getCachedMetadata(orgId, connectionId)).metadata;
  }
}

function toMetadata(row: MetadataCacheRow): JiraMetadata | undefined {
  if (!row.fetchedAt || !row.stats) return undefined;
  return {
    projects: row.projects,
    statuses: row.statuses,
    priorities: row.priorities,
    fetchedAt: row.fetchedAt.toISOString(),
    stats: row.stats,
    warnings: row.warnings,
  };
}
