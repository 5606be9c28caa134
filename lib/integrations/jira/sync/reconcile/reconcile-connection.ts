import 'server-only';
import { commitIncrementalPage, getSyncTarget } from '@/db/queries/jira-sync';
import {
  completeReconciliationRun,
  insertReconciliationRun,
  listCurrentTicketIds,
  markTicketsDeleted,
  type ReconciliationTrigger,
} from '@/db/queries/jira-reconciliation';
import { log } from '@/lib/observability/request-context';
import type { JiraClient } from '../../client';
import { projectClause } from '../../preview/jql';
import { BACKFILL_PAGE_SIZE } from '../backfill-step';
import { SYNC_FIELDS } from '../normalize-issue';
import { normalizePage } from '../normalize-page';
import { skipReason, syncClient } from '../sync-client';
import { classifySyncFailure } from '../sync-failure';
import { INCREMENTAL_OVERLAP_MS } from '../sync-jql';
import { diffIssueSets } from './diff-issue-sets';
import { RECONCILE_REFUSALS, type ReconcileRefusal } from './reconcile-refusals';

/** search/jql's page size when only id and key are asked for (maxResults, REST reference: "max 5000"). */
export const ID_LIST_PAGE_SIZE = 5000;
/** Extras fetched per run (in pages of 100); more wait for the next run. */
const MAX_EXTRAS_FETCHED = 2000;

export type ReconcileOutcome =
  | { kind: 'skipped'; reason: ReconcileRefusal }
  | { kind: 'reconciled'; runId: string; inJira: number; inPortico: number; missing: number; extra: number; fetched: number }
  | { kind: 'failed'; runId: string; errorKind: string };

export interface ReconcileOptions {
  trigger: ReconciliationTrigger;
  actorUserId?: string | null;
  /**
   * Tickets written less than this before the listing began are not judged: Jira's search index can show
   * an issue a little after it exists, so a just-created issue may be absent from a listing. Default: the
   * incremental sync's overlap.
   */
  indexLagMs?: number;
  /** Test hook: runs after Jira's ids are listed, before anything is compared (the race test's gate). */
  afterListing?: () => Promise<void>;
}

/**
 * Compares Jira's set of issue ids for the connection's filter with Portico's current tickets. Missing
 * ones (in Portico, no longer listed by Jira: deleted, moved out of the filter, or hidden from the
 * authorizing user) are soft-deleted; extra ones (listed by Jira, not current in Portico) are fetched and
 * stored. Runs only on a connection whose backfill is complete, judges only tickets written before the
 * listing began, and deletes nothing if a backfill or filter change started meanwhile (markTicketsDeleted).
 * Every run that calls Jira leaves a row in jira_reconciliation_runs: the report.
 */
export async function reconcileConnection(orgId: string, connectionId: string, options: ReconcileOptions): Promise<ReconcileOutcome> {
  const target = await getSyncTarget(orgId, connectionId);
  const refusal = refusalFor(target);
  if (refusal) return { kind: 'skipped', reason: refusal };
  const state = target!.state!;
  const startedAt = new Date();
  const runId = await insertReconciliationRun(orgId, connectionId, { trigger: options.trigger, actorUserId: options.actorUserId ?? null, startedAt });
  try {
    const client = syncClient(orgId, target!);
    const jiraIssues = await listJiraIssueIds(client, target!.projectFilter);
    await options.afterListing?.();
    const current = await listCurrentTicketIds(orgId, connectionId);
    const syncedBefore = new Date(startedAt.getTime() - (options.indexLagMs ?? INCREMENTAL_OVERLAP_MS));
    const diff = diffIssueSets(jiraIssues, current, syncedBefore);
    if (looksLikeLostAccess(diff.missing.length, current.length)) {
      const counts = { inJira: jiraIssues.length, inPortico: current.length, missing: diff.missing.length, extra: diff.extra.length };
      const examples = { missing: diff.missing.slice(0, 5).map((ticket) => ticket.key), extra: diff.extra.slice(0, 5).map((issue) => issue.key) };
      await completeReconciliationRun(orgId, runId, { ...counts, examples, errorKind: 'too_many_missing', errorMessage: RECONCILE_REFUSALS.too_many_missing });
      log().warn({ connectionId, runId, missing: diff.missing.length, inPortico: current.length }, 'jira reconciliation refused a mass deletion');
      return { kind: 'failed', runId, errorKind: 'too_many_missing' };
    }
    const marked = await markTicketsDeleted(orgId, connectionId, diff.missing.map((ticket) => ticket.externalId), {
      backfillCompletedAt: state.backfillCompletedAt!,
      projectFilter: target!.projectFilter,
      syncedBefore,
    });
    if (marked.kind === 'sync_changed') {
      await completeReconciliationRun(orgId, runId, { errorKind: 'sync_changed', errorMessage: RECONCILE_REFUSALS.sync_changed });
      return { kind: 'failed', runId, errorKind: 'sync_changed' };
    }
    const markedIds = new Set(marked.ids);
    const missing = diff.missing.filter((ticket) => markedIds.has(ticket.externalId));
    const fetched = await fetchExtras(orgId, connectionId, client, target!.projectFilter, diff.extra.map((issue) => issue.id));
    const counts = { inJira: jiraIssues.length, inPortico: current.length, missing: missing.length, extra: diff.extra.length };
    await completeReconciliationRun(orgId, runId, {
      ...counts,
      examples: { missing: missing.slice(0, 5).map((ticket) => ticket.key), extra: diff.extra.slice(0, 5).map((issue) => issue.key) },
    });
    log().info({ connectionId, runId, ...counts, fetched }, 'jira reconciliation done');
    return { kind: 'reconciled', runId, ...counts, fetched };
  } catch (error) {
    const failure = classifySyncFailure(error);
    await completeReconciliationRun(orgId, runId, { errorKind: failure.kind, errorMessage: `Reconciliation stopped: ${failure.message}` });
    log().warn({ err: error, connectionId, runId, kind: failure.kind }, 'jira reconciliation failed');
    return { kind: 'failed', runId, errorKind: failure.kind };
  }
}

/**
 * Half or more of the tickets gone at once, beyond a handful: far likelier a permission lost by the authorizing
 * user (Jira then lists fewer issues, without an error) than a real mass deletion, so nothing is deleted.
 */
export function looksLikeLostAccess(missing: number, inPortico: number): boolean {
  return missing > MASS_DELETION_FLOOR && missing * 2 >= inPortico;
}
const MASS_DELETION_FLOOR = 10;

/** Why a connection cannot be reconciled now, before any Jira call; null when it can. */
export function refusalFor(target: Awaited<ReturnType<typeof getSyncTarget>>): ReconcileRefusal | null {
  const skip = skipReason(target);
  if (skip) return skip;
  const state = target!.state;
  if (!state || state.phase !== 'incremental' || !state.backfillCompletedAt) return 'backfilling';
  // A filter edited since the last backfill or poll: tickets of removed projects are still current until the
  // next poll, and a listing with the new filter would call them deleted.
  const synced = state.syncedProjectFilter ?? [];
  const filter = target!.projectFilter;
  if (synced.length !== filter.length || !filter.every((key) => synced.includes(key))) return 'filter_changed';
  return null;
}

/** Every issue id (and key) of the filter, in id order, 5,000 per page. */
async function listJiraIssueIds(client: JiraClient, projectFilter: string[]): Promise<{ id: string; key: string }[]> {
  const jql = `${projectClause(projectFilter) ?? 'project is not EMPTY'} ORDER BY id ASC`;
  const issues: { id: string; key: string }[] = [];
  let nextPageToken: string | undefined;
  for (;;) {
    const page = await client.searchIssues({ jql, fields: ['id', 'key'], maxResults: ID_LIST_PAGE_SIZE, nextPageToken });
    for (const issue of page.issues) issues.push({ id: issue.id, key: issue.key });
    if (!page.nextPageToken || page.isLast === true || page.issues.length === 0) return issues;
    nextPageToken = page.nextPageToken;
  }
}

/** Reads the extra issues in full (pages of 100 by id) and stores them the way a poll does. */
async function fetchExtras(orgId: string, connectionId: string, client: JiraClient, projectFilter: string[], ids: string[]): Promise<number> {
  let stored = 0;
  const wanted = ids.slice(0, MAX_EXTRAS_FETCHED);
  for (let start = 0; start < wanted.length; start += BACKFILL_PAGE_SIZE) {
    const chunk = wanted.slice(start, start + BACKFILL_PAGE_SIZE).filter((id) => /^\d+$/.test(id));
    if (chunk.length === 0) continue;
    const jql = [projectClause(projectFilter), `id in (${chunk.join(', ')})`].filter(Boolean).join(' AND ');
    const page = await client.searchIssues({ jql, fields: SYNC_FIELDS, maxResults: BACKFILL_PAGE_SIZE });
    stored += (await commitIncrementalPage(orgId, connectionId, { normalize: normalizePage(connectionId, page.issues), movedOutIds: [] })).changed;
  }
  return stored;
}
