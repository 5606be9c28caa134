import 'server-only';
import {
  beginBackfill,
  commitBackfillPage,
  ensureSyncState,
  getSyncTarget,
  listOpenBackfillSegments,
  type PageCursor,
  type SyncTarget,
} from '@/db/queries/jira-sync';
import type { JiraClient, JiraIssueSearchPage } from '../client';
import { projectClause } from '../preview/jql';
import { SYNC_FIELDS } from './normalize-issue';
import { normalizePage } from './normalize-page';
import { skipReason, syncClient, type SkipReason } from './sync-client';
import { backfillJql } from './sync-jql';

/** Jira's cap on search/jql maxResults when fields beyond id/key are asked for. */
export const BACKFILL_PAGE_SIZE = 100;

/**
 * Segments a backfill is read in, each by its own job. More than one worker's backfill slots (4), so a
 * second worker adds throughput to a single big backfill instead of finding every segment taken.
 */
export const BACKFILL_SEGMENTS = 8;

export type BackfillStepOutcome =
  | { kind: 'skipped'; reason: SkipReason | 'not_backfilling' }
  /** The backfill started (or was running): these segments have pages to read. */
  | { kind: 'segments'; segments: number[] }
  | { kind: 'page'; segment: number; issues: number; more: boolean; backfillDone: boolean }
  /** This segment has no page left, or another worker committed this cursor first; nothing was written. */
  | { kind: 'segment_done' }
  | { kind: 'lost_race' };

/**
 * One unit of backfill work: without a segment, starting the backfill (time zone, estimate, incremental
 * starting point, segments) or listing its open segments; with one, reading that segment's next page. A
 * job runs one step and enqueues the next, so a killed worker loses at most the page it had not committed,
 * and other connections' polls run between the pages.
 */
export async function runBackfillStep(orgId: string, connectionId: string, segment?: number): Promise<BackfillStepOutcome> {
  await ensureSyncState(orgId, connectionId);
  const target = await getSyncTarget(orgId, connectionId);
  const skip = skipReason(target);
  if (skip) return { kind: 'skipped', reason: skip };
  const state = target!.state!;
  if (state.phase !== 'backfill') return { kind: 'skipped', reason: 'not_backfilling' };
  const client = syncClient(orgId, target!);
  if (!state.backfillJql) return startBackfill(orgId, target!, client);
  const open = await listOpenBackfillSegments(orgId, connectionId);
  if (segment === undefined) return { kind: 'segments', segments: open.map((row) => row.segment) };
  const current = open.find((row) => row.segment === segment);
  if (!current) return { kind: 'segment_done' };

  const cursor = { segment, jql: current.jql, pageToken: current.nextPageToken };
  return commitPage(orgId, connectionId, cursor, await fetchPage(client, cursor));
}

export interface SegmentReading {
  /** Stop reading (after the page in hand commits) once this Date.now() is passed. */
  until: number;
  signal?: AbortSignal;
  /** After every committed page (the kill test's marker). */
  onPage?: (outcome: BackfillStepOutcome) => void;
}

/**
 * Reads one segment page after page until it ends or `until` passes, returning the last outcome (a `page`
 * with `more` when time ran out). The next page is fetched while the current one commits: Jira's latency
 * and the commit overlap instead of adding up. Each page still commits alone with its cursor, in order (a
 * commit checks the cursor it continues from), so a kill loses at most the pages in flight, read again on
 * resume. The pause and connection state are read before every Jira call, so a pause stops the reading
 * at the next page.
 */
export async function readBackfillSegment(orgId: string, connectionId: string, segment: number, reading: SegmentReading): Promise<BackfillStepOutcome> {
  const first = await runnableTarget(orgId, connectionId);
  if ('kind' in first) return first;
  const current = (await listOpenBackfillSegments(orgId, connectionId)).find((row) => row.segment === segment);
  if (!current) return { kind: 'segment_done' };
  const client = syncClient(orgId, first);
  let cursor: PageCursor = { segment, jql: current.jql, pageToken: current.nextPageToken };
  let page: Promise<JiraIssueSearchPage | BackfillStepOutcome> = fetchPage(client, cursor);
  for (;;) {
    const fetched = await page;
    if ('kind' in fetched) return fetched;
    const nextPageToken = nextTokenOf(fetched);
    const next: PageCursor | null = nextPageToken ? { segment, jql: cursor.jql, pageToken: nextPageToken } : null;
    const goOn = next !== null && Date.now() < reading.until && !reading.signal?.aborted;
    if (goOn) {
      page = (async () => {
        const target = await runnableTarget(orgId, connectionId);
        return 'kind' in target ? target : fetchPage(client, next);
      })();
      // Awaited on the next turn; a failure while this page commits must not surface as unhandled.
      page.catch(() => undefined);
    }
    const outcome = await commitPage(orgId, connectionId, cursor, fetched);
    reading.onPage?.(outcome);
    if (!goOn || outcome.kind !== 'page' || outcome.backfillDone) return outcome;
    cursor = next!;
  }
}

/** The target when its sync may call Jira now, else why not (as a step outcome). */
async function runnableTarget(orgId: string, connectionId: string): Promise<SyncTarget | BackfillStepOutcome> {
  const target = await getSyncTarget(orgId, connectionId);
  const skip = skipReason(target);
  if (skip) return { kind: 'skipped', reason: skip };
  if (target!.state?.phase !== 'backfill' || !target!.state.backfillJql) return { kind: 'skipped', reason: 'not_backfilling' };
  return target!;
}

function fetchPage(client: JiraClient, cursor: PageCursor): Promise<JiraIssueSearchPage> {
  return client.searchIssues({ jql: cursor.jql, fields: SYNC_FIELDS, maxResults: BACKFILL_PAGE_SIZE, nextPageToken: cursor.pageToken ?? undefined });
}

function nextTokenOf(page: JiraIssueSearchPage): string | null {
  return page.nextPageToken && page.isLast !== true && page.issues.length > 0 ? page.nextPageToken : null;
}

async function commitPage(orgId: string, connectionId: string, cursor: PageCursor, page: JiraIssueSearchPage): Promise<BackfillStepOutcome> {
  const nextPageToken = nextTokenOf(page);
  const committed = await commitBackfillPage(orgId, connectionId, cursor, { normalize: normalizePage(connectionId, page.issues), nextPageToken });
  if (committed === 'lost_race') return { kind: 'lost_race' };
  return { kind: 'page', segment: cursor.segment, issues: page.issues.length, more: nextPageToken !== null, backfillDone: committed === 'backfill_done' };
}

/**
 * The projects this backfill reads: the whole filter the first time; after the filter grew, only the added
 * projects (an empty filter, "every project", covers everything again).
 */
export function projectsToBackfill(filter: string[], synced: string[] | null): string[] {
  if (synced === null || synced.length === 0 || filter.length === 0) return filter;
  return filter.filter((key) => !synced.includes(key));
}

/** The projects dealt round-robin into at most BACKFILL_SEGMENTS queries; none known = one query over all. */
export function segmentJql(projectKeys: readonly string[]): string[] {
  if (projectKeys.length === 0) return [backfillJql([])];
  const count = Math.min(BACKFILL_SEGMENTS, projectKeys.length);
  const dealt = Array.from({ length: count }, (_, segment) => projectKeys.filter((_, index) => index % count === segment));
  return dealt.map((keys) => backfillJql(keys));
}

async function startBackfill(orgId: string, target: SyncTarget, client: JiraClient): Promise<BackfillStepOutcome> {
  const state = target.state!;
  const keys = projectsToBackfill(target.projectFilter, state.syncedProjectFilter);
  const jql = backfillJql(keys);
  const myself = await client.getMyself();
  // Without a filter, every visible project: listed so the backfill can be read in segments.
  const segmentKeys = keys.length ? keys : (await client.listAllProjects()).map((project) => project.key);
  const totalEstimate = await client.approximateCount(jql.replace(/ ORDER BY .*$/, ''));
  // Where the incremental sync starts, in Jira's clock: the newest change now. Whatever changes during the
  // backfill is newer, so the first poll brings it to its latest version even when its page was already read.
  const newest = await client.searchIssues({
    jql: `${projectClause(keys) ?? 'project is not EMPTY'} ORDER BY updated DESC`,
    fields: ['updated'],
    maxResults: 1,
  });
  const newestUpdated = newest.issues[0]?.fields.updated;
  const startingPoint = typeof newestUpdated === 'string' && !Number.isNaN(Date.parse(newestUpdated)) ? new Date(newestUpdated) : new Date();
  const segments = segmentJql(segmentKeys);
  const started = await beginBackfill(
    orgId,
    target.id,
    {
      backfillJql: jql,
      backfillTotalEstimate: totalEstimate,
      // The filter this backfill covers; a later filter is compared with it to see whether it grew.
      syncedProjectFilter: target.projectFilter,
      jiraTimeZone: myself.timeZone ?? null,
      // A grown filter keeps the older cursor: the new projects' changes since then are read by the next poll.
      incrementalCursor: state.incrementalCursor && state.incrementalCursor < startingPoint ? state.incrementalCursor : startingPoint,
    },
    segments,
  );
  return started ? { kind: 'segments', segments: segments.map((_, index) => index) } : { kind: 'lost_race' };
}
