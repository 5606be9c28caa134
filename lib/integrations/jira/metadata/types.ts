// Jira metadata as Portico caches it per connection and the editors read it. Pure types: safe for
// client components (project filter, status and priority mapping editors).
import type { StatusCategory } from '../mapping/status-category';

export type { StatusCategory };

export interface JiraProjectMeta {
  id: string;
  key: string;
  name: string;
  projectTypeKey: string;
  /** The 48x48 avatar. */
  avatarUrl?: string;
}

export interface JiraStatusUsage {
  projectKey: string;
  projectName?: string;
  /**
   * Issue type names from `project/{key}/statuses`. `statuses/search` usages name issue types by id
   * only, so on that path these are ids.
   */
  issueTypes: string[];
}

export interface JiraStatusMeta {
  id: string;
  name: string;
  category: StatusCategory;
  /**
   * Where the status is used. On the `statuses_search` path Jira only says which project a
   * team-managed status belongs to, so global statuses have no usages there (see `warnings`).
   */
  usages: JiraStatusUsage[];
}

export interface JiraPriorityMeta {
  id: string;
  name: string;
  /** Jira's order, 0 first (highest priority on a default site). */
  position: number;
  iconUrl?: string;
  statusColor?: string;
  /** The site's default priority (only `priority/search` says which one it is). */
  isDefault?: boolean;
}

export type JiraStatusPath = 'statuses_search' | 'project_statuses';

export interface JiraMetadataStats {
  statusPath: JiraStatusPath;
  /** HTTP requests sent to Jira for this fetch, retries included. */
  jiraRequests: number;
  durationMs: number;
  /** Keys of filtered projects the connecting user cannot see (or that no longer exist). */
  inaccessibleProjects: string[];
  /** True when the fast path was tried and Jira refused it; background refreshes then skip it. */
  statusSearchRefused?: boolean;
  /**
   * True when `statuses/search` listed every status of the site during this read: a mapped status
   * in neither `statuses` nor `otherStatuses` was then removed from Jira. Absent on older rows.
   */
  siteStatusesListed?: boolean;
}

export interface JiraMetadata {
  projects: JiraProjectMeta[];
  /** Statuses in use: in a workflow of a project the authorizing user can see, within the filter. */
  statuses: JiraStatusMeta[];
  /**
   * Statuses that exist on the site but are not in use as above (known only when `statuses/search`
   * answered), kept so mappings of them keep their names and are not taken for removed ones.
   */
  otherStatuses?: JiraStatusMeta[];
  priorities: JiraPriorityMeta[];
  /** ISO 8601. */
  fetchedAt: string;
  stats: JiraMetadataStats;
  /** Full sentences for the admin, e.g. why the slower path was used. */
  warnings: string[];
}
