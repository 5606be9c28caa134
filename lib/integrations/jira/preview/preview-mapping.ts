import 'server-only';
import { isJiraError, type JiraClient, type JiraIssue } from '../client';
import { settleAll } from '../client/settle-all';
import type { JiraMetadata } from '../metadata/types';
import { pickCountSource, type SyncCoverage } from './count-source';
import { sampleJql, statusCountJql } from './jql';
import { capCounts, planStatusCounts, PREVIEW_LIMITS } from './plan-counts';
import type { PreviewRequest, PreviewResult, SampleIssue } from './preview-schema';

const SAMPLE_SIZE = 20;
// A project read that is refused means the user cannot see the project: leave it out, like a hidden key.
const PROJECT_INACCESSIBLE = new Set(['not_found', 'forbidden']);

/** Counts Portico keeps for a short while, shared by every instance (count-cache.ts). */
export interface CountCache {
  get(scope: string, statusIds: readonly string[]): Promise<Record<string, number>>;
  save(scope: string, counts: Readonly<Record<string, number>>): Promise<void>;
}

export interface PreviewContext {
  /** The connection's cached metadata: which projects are visible and which statuses they use. */
  metadata?: Pick<JiraMetadata, 'projects' | 'statuses' | 'stats'>;
  cache: CountCache;
  limits?: typeof PREVIEW_LIMITS;
  /** The connection's synced tickets: once their backfill covers the filter, they answer instead of Jira. */
  synced?: SyncedTickets;
}

export interface SyncedTickets {
  coverage: SyncCoverage | null;
  /** Current tickets per Jira status id within the keys ([] = every project) and the most recently updated ones. */
  read(projectKeys: readonly string[], sampleSize: number): Promise<{ counts: Record<string, number>; issues: SampleIssue[] }>;
}

/**
 * What the mapping does to the site's issues: counts per status and a sample of recent issues. Once
 * the connection's backfill covers the filter, both come from its synced tickets with no Jira call.
 * Until then the counts are Jira's approximate ones: it counts only statuses the filtered projects use (plan-counts.ts), reuses counts made in
 * the last minutes, and sends at most `maxCounts` search/approximate-count calls; the rest are
 * reported, not guessed. The editor applies draft and saved mappings to these on its own.
 */
export async function previewMapping(client: JiraClient, request: PreviewRequest, context: PreviewContext): Promise<PreviewResult> {
  const limits = context.limits ?? PREVIEW_LIMITS;
  const source = pickCountSource(context.synced?.coverage, request.projectFilter);
  const plan = planStatusCounts(request.projectFilter, context.metadata, request.statusIds, limits);
  const empty = { counts: {}, uncounted: [], notCounted: [], cachedCounts: 0, source: source.kind, issues: [] };
  if (plan.nothingVisible) return { ...empty, hiddenProjectKeys: plan.hiddenProjectKeys };
  if (source.kind === 'synced_tickets' && context.synced) {
    // Hidden keys have no synced ticket either: the sync reads as the same Jira user.
    const { counts, issues } = await context.synced.read(plan.projectKeys, SAMPLE_SIZE);
    return { ...empty, counts, issues, hiddenProjectKeys: plan.hiddenProjectKeys };
  }

  const hidden = [...plan.hiddenProjectKeys];
  const statusIds = new Set(plan.statusIds);
  for (const result of await client.getStatusesForProjects(plan.projectsToRead)) {
    if (result.ok) result.issueTypes.forEach((type) => type.statuses.forEach((status) => statusIds.add(status.id)));
    else if (PROJECT_INACCESSIBLE.has(result.error.kind)) hidden.push(result.projectKey);
    else throw result.error;
  }
  const projectKeys = plan.projectKeys.filter((key) => !hidden.includes(key));
  if (request.projectFilter.length > 0 && projectKeys.length === 0) return { ...empty, hiddenProjectKeys: hidden };

  const { toCount, notCounted } = capCounts([...statusIds], limits.maxCounts);
  const scope = [...projectKeys].sort().join(',');
  const cached = await context.cache.get(scope, toCount);
  const fresh: Record<string, number> = {};
  const uncounted: string[] = [];
  const [issues] = await settleAll([
    client.searchIssues({ jql: sampleJql(projectKeys), fields: ['summary', 'status', 'priority', 'project'], maxResults: SAMPLE_SIZE }),
    ...toCount
      .filter((statusId) => cached[statusId] === undefined)
      .map(async (statusId) => {
        try {
          fresh[statusId] = await client.approximateCount(statusCountJql(projectKeys, statusId));
        } catch (error) {
          if (!isJiraError(error) || error.kind === 'token_unusable') throw error;
          uncounted.push(statusId);
        }
      }),
  ]);
  await context.cache.save(scope, fresh);
  return {
    counts: { ...cached, ...fresh },
    uncounted,
    notCounted,
    hiddenProjectKeys: hidden,
    cachedCounts: Object.keys(cached).length,
    source: source.kind,
    issues: issues.issues.map(toSample),
  };
}

function field(issue: JiraIssue, name: string): Record<string, unknown> | undefined {
  const value = issue.fields[name];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function toSample(issue: JiraIssue): SampleIssue {
  return {
    key: issue.key,
    summary: text(issue.fields.summary) ?? '',
    projectKey: text(field(issue, 'project')?.key) ?? issue.key.split('-')[0] ?? '',
    statusId: text(field(issue, 'status')?.id),
    statusName: text(field(issue, 'status')?.name),
    priorityId: text(field(issue, 'priority')?.id),
    priorityName: text(field(issue, 'priority')?.name),
  };
}
