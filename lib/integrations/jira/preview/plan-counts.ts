// Pure: which Jira statuses a mapping preview counts, so it spends Atlassian's quota (shared by
// every tenant of the app) only on statuses the filtered projects use, never on project keys known
// to be invisible, and never more than a bounded number of calls.
import type { JiraMetadata } from '../metadata/types';

export const PREVIEW_LIMITS = {
  /** Most search/approximate-count calls one preview may send; the rest are listed as not counted. */
  maxCounts: 60,
  /** Most project/{key}/statuses reads a preview may send to learn what uncovered projects use. */
  maxProjectReads: 10,
  /**
   * Counts in flight at once: 60 counts at the client's usual 4 were 15 sequential round trips (and
   * seconds of waiting on a big site); at 10 they are 6. The number of calls, and so the quota, is unchanged.
   */
  concurrency: 10,
} as const;

export interface CountPlan {
  /** Keys the counts are made within ([] without a filter: every project the user can see). */
  projectKeys: string[];
  /** Filter keys the cached project list says the authorizing user cannot see: left out of every JQL. */
  hiddenProjectKeys: string[];
  /** Filter keys whose statuses the cached metadata does not know: read before counting. */
  projectsToRead: string[];
  /** Statuses known to be used within `projectKeys`. */
  statusIds: string[];
  /** A filter whose every key is hidden: nothing to count or sample. */
  nothingVisible: boolean;
}

type Metadata = Pick<JiraMetadata, 'projects' | 'statuses' | 'stats'>;

export function planStatusCounts(
  projectFilter: readonly string[],
  metadata: Metadata | undefined,
  fallbackStatusIds: readonly string[] = [],
  limits: Pick<typeof PREVIEW_LIMITS, 'maxProjectReads'> = PREVIEW_LIMITS,
): CountPlan {
  const filter = [...new Set(projectFilter)];
  if (!metadata) {
    return { projectKeys: filter, hiddenProjectKeys: [], projectsToRead: [], statusIds: [...new Set(fallbackStatusIds)], nothingVisible: false };
  }
  const visible = new Set(metadata.projects.map((project) => project.key));
  const projectKeys = filter.filter((key) => visible.has(key));
  const hiddenProjectKeys = filter.filter((key) => !visible.has(key));
  const allInUse = metadata.statuses.map((status) => status.id);
  if (filter.length === 0) {
    return { projectKeys: [], hiddenProjectKeys: [], projectsToRead: [], statusIds: allInUse, nothingVisible: false };
  }
  // Usages are complete only when statuses were read project by project; the site-wide path names
  // the project of team-managed statuses alone.
  const perProject = metadata.stats.statusPath === 'project_statuses';
  const covered = new Set(perProject ? metadata.statuses.flatMap((status) => status.usages.map((usage) => usage.projectKey)) : []);
  const uncovered = projectKeys.filter((key) => !covered.has(key));
  const wanted = new Set(projectKeys);
  const known = metadata.statuses.filter((status) => status.usages.some((usage) => wanted.has(usage.projectKey))).map((status) => status.id);
  if (uncovered.length > limits.maxProjectReads) {
    // Reading that many projects would cost more than it saves: count what is in use anywhere.
    return { projectKeys, hiddenProjectKeys, projectsToRead: [], statusIds: allInUse, nothingVisible: false };
  }
  return { projectKeys, hiddenProjectKeys, projectsToRead: uncovered, statusIds: known, nothingVisible: projectKeys.length === 0 };
}

/** The first `max` ids are counted, the rest reported as not counted. */
export function capCounts(statusIds: readonly string[], max: number = PREVIEW_LIMITS.maxCounts) {
  const unique = [...new Set(statusIds)];
  return { toCount: unique.slice(0, max), notCounted: unique.slice(max) };
}
