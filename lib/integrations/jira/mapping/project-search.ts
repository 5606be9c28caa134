import type { MappingRow } from './editor-rows';

/** A project the status search can name, by key ("MOB") or by name ("Mobile App"). */
export interface SearchableProject {
  key: string;
  name: string;
}

export interface ProjectSearchPlan {
  /** Keys of the projects whose key or name contains the query: rows used in them match the search. */
  matching: string[];
  /** The matching projects whose workflows to read from Jira (project/{key}/statuses, one request each). */
  toRead: string[];
}

/**
 * A query matching more projects than this reads only the project whose key it spells exactly: on a site with
 * 1,050 projects "P" or "Atlas" matches hundreds, and one Jira request per project per keystroke is not a search.
 */
export const READ_MATCHING_PROJECTS_UP_TO = 3;

/**
 * Which projects a status search names. statuses/search tells which project a team-managed status belongs to,
 * never where a global status is used, so a query naming a project must read that project's workflow to find
 * every status it uses: all the matches when there are few, else only the project whose key the query spells.
 */
export function planProjectSearch(
  search: string,
  projects: readonly SearchableProject[],
  limit = READ_MATCHING_PROJECTS_UP_TO,
): ProjectSearchPlan {
  const needle = search.trim().toLowerCase();
  if (!needle) return { matching: [], toRead: [] };
  const matching = projects
    .filter((project) => project.key.toLowerCase().includes(needle) || project.name.toLowerCase().includes(needle))
    .map((project) => project.key);
  const toRead = matching.length <= limit ? matching : matching.filter((key) => key.toLowerCase() === needle);
  return { matching, toRead };
}

/**
 * True when statuses/search left some status without a known usage (a global status): only then does naming a
 * project need its workflow read. On the per-project metadata path every usage is known already.
 */
export function usagesIncomplete(statuses: readonly { usages: readonly unknown[] }[]): boolean {
  return statuses.some((status) => status.usages.length === 0);
}

/**
 * Rows with the projects read from Jira added to their "Used in", so a status a read project uses matches the
 * search by that project and shows why. Rows the reads add nothing to stay the same objects (memoized rows
 * do not re-render).
 */
export function withProjectReads<V extends string>(
  rows: MappingRow<V>[],
  reads: Readonly<Record<string, readonly string[]>>,
): MappingRow<V>[] {
  const projectsByStatus = new Map<string, string[]>();
  for (const [projectKey, statusIds] of Object.entries(reads)) {
    for (const id of statusIds) projectsByStatus.set(id, [...(projectsByStatus.get(id) ?? []), projectKey]);
  }
  if (projectsByStatus.size === 0) return rows;
  return rows.map((row) => {
    const added = (projectsByStatus.get(row.id) ?? []).filter((key) => !row.usedIn.includes(key));
    return added.length ? { ...row, usedIn: [...row.usedIn, ...added].sort() } : row;
  });
}
