import 'server-only';
import {
  commitIncrementalPage,
  ensureSyncState,
  getSyncTarget,
  markOutsideFilter,
  updateSyncState,
  type SyncTarget,
} from '@/db/queries/jira-sync';
import type { JiraClient } from '../client';
import { BACKFILL_PAGE_SIZE, projectsToBackfill } from './backfill-step';
import { SYNC_FIELDS } from './normalize-issue';
import { normalizePage } from './normalize-page';
import { skipReason, syncClient, type SkipReason } from './sync-client';
import { incrementalJql, movedOutJql } from './sync-jql';

// search/jql allows up to 5,000 results per page when only ids and keys are asked for (the sandbox, 100).
const ID_PAGE_SIZE = 1000;

export type IncrementalStepOutcome =
  | { kind: 'skipped'; reason: SkipReason | 'backfilling' }
  /** The filter grew: a backfill of the added projects comes first. */
  | { kind: 'backfill_needed' }
  | { kind: 'synced'; changed: number; movedOut: number; cursor: Date };

/**
 * One poll: what changed in the filter since the cursor (minus an overlap), and what left it. The filter is
 * compared first with the one the last backfill covered: projects removed stop being current at once, and
 * projects added need a backfill before polling resumes.
 */
export async function runIncrementalStep(orgId: string, connectionId: string): Promise<IncrementalStepOutcome> {
  await ensureSyncState(orgId, connectionId);
  const target = await getSyncTarget(orgId, connectionId);
  const skip = skipReason(target);
  if (skip) return { kind: 'skipped', reason: skip };
  const state = target!.state!;
  if (state.phase !== 'incremental') return { kind: 'skipped', reason: 'backfilling' };

  const filter = target!.projectFilter;
  const synced = state.syncedProjectFilter ?? [];
  await markOutsideFilter(orgId, connectionId, filter);
  if (projectsToBackfill(filter, synced).length > 0 || (filter.length === 0 && synced.length > 0)) {
    await updateSyncState(orgId, connectionId, { phase: 'backfill', backfillJql: null, backfillNextPageToken: null });
    return { kind: 'backfill_needed' };
  }
  if (filter.length < synced.length) await updateSyncState(orgId, connectionId, { syncedProjectFilter: filter });

  const startedAt = new Date();
  await updateSyncState(orgId, connectionId, { lastRunStartedAt: startedAt });
  const client = syncClient(orgId, target!);
  const since = state.incrementalCursor ?? state.backfillStartedAt ?? startedAt;
  const movedOut = await readMovedOut(orgId, target!, client, since);
  const { changed, newest } = await readChanges(orgId, target!, client, since);
  const cursor = newest > since ? newest : since;
  await updateSyncState(orgId, connectionId, {
    incrementalCursor: cursor,
    lastSuccessAt: new Date(),
    lastErrorKind: null,
    lastErrorMessage: null,
    failureCount: 0,
    failingSince: null,
  });
  return { kind: 'synced', changed, movedOut, cursor };
}

/**
 * Pages through the changes oldest first. Each page is a fresh query from the newest change seen so far
 * (to the minute, JQL's precision), so an issue edited while the poll runs cannot shift an unread one out
 * of a page; only when a whole page shares one minute does the poll follow Jira's nextPageToken instead.
 */
async function readChanges(orgId: string, target: SyncTarget, client: JiraClient, since: Date) {
  const zone = target.state!.jiraTimeZone;
  let jql = incrementalJql(target.projectFilter, since, zone);
  let pageToken: string | undefined;
  let newest = since;
  let changed = 0;
  for (;;) {
    const page = await client.searchIssues({ jql, fields: SYNC_FIELDS, maxResults: BACKFILL_PAGE_SIZE, nextPageToken: pageToken });
    changed += (await commitIncrementalPage(orgId, target.id, { normalize: normalizePage(target.id, page.issues), movedOutIds: [] })).changed;
    for (const issue of page.issues) {
      const updated = typeof issue.fields.updated === 'string' ? new Date(issue.fields.updated) : null;
      if (updated && !Number.isNaN(updated.getTime()) && updated > newest) newest = updated;
    }
    if (!page.nextPageToken || page.isLast === true || page.issues.length === 0) return { changed, newest };
    const nextJql = incrementalJql(target.projectFilter, newest, zone, 0);
    if (nextJql !== jql) {
      jql = nextJql;
      pageToken = undefined;
    } else {
      pageToken = page.nextPageToken;
    }
  }
}

/** Ids of issues changed outside the filter since the cursor: stored ones among them were moved out. */
async function readMovedOut(orgId: string, target: SyncTarget, client: JiraClient, since: Date): Promise<number> {
  const jql = movedOutJql(target.projectFilter, since, target.state!.jiraTimeZone);
  if (!jql) return 0;
  let pageToken: string | undefined;
  let total = 0;
  for (;;) {
    const page = await client.searchIssues({ jql, fields: ['key'], maxResults: ID_PAGE_SIZE, nextPageToken: pageToken });
    const ids = page.issues.map((issue) => issue.id);
    if (ids.length) total += (await commitIncrementalPage(orgId, target.id, { normalize: () => [], movedOutIds: ids })).movedOut;
    if (!page.nextPageToken || page.isLast === true || ids.length === 0) return total;
    pageToken = page.nextPageToken;
  }
}
