// Plain data describing a sandbox world. Serialisation to Jira JSON lives in routes/jira/serialize.ts.
import type { IssueStore } from './issue-store';

export type CategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  category: CategoryKey;
  /** Team-managed (next-gen) statuses belong to one project. */
  projectId?: string;
  icon: string;
}

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
  avatarId: number;
}

export interface PriorityDef {
  id: string;
  name: string;
  description: string;
  statusColor: string;
  icon: string;
  isDefault: boolean;
}

export type ProjectTypeKey = 'software' | 'service_desk' | 'business';

export interface WorkflowEntry {
  issueTypeId: string;
  statusIds: string[];
}

export interface ProjectDef {
  id: string;
  key: string;
  name: string;
  description: string;
  typeKey: ProjectTypeKey;
  style: 'classic' | 'next-gen';
  uuid: string;
  avatarId: number;
  workflow: WorkflowEntry[];
}

export interface ProjectAccess {
  browse: boolean;
  administer: boolean;
}

/** One issue at its current version. Dates are epoch milliseconds; `duedate` is a calendar date (yyyy-MM-dd). */
export interface IssueDef {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  priorityId: string;
  summary: string;
  created: number;
  updated: number;
  assigneeId: string | null;
  reporterId: string;
  labels: string[];
  duedate: string | null;
  /** Issue id of the parent (epic or parent of a subtask), or null. */
  parentId: string | null;
  /** Set when the issue reached a done-category status (Jira's `resolutiondate`). */
  resolved: number | null;
}

export interface UserDef {
  accountId: string;
  displayName: string;
  email: string;
  nickname: string;
  timeZone: string;
  locale: string;
  jobTitle: string;
}

export interface SiteWorld {
  cloudId: string;
  name: string;
  url: string;
  avatarUrl: string;
  /** The sandbox user holds the Administer Jira global permission on this site. */
  jiraAdmin: boolean;
  /** The site's default user time zone: top-level timestamps are rendered in it. */
  timeZone: string;
  statuses: StatusDef[];
  issueTypes: IssueTypeDef[];
  priorities: PriorityDef[];
  projects: ProjectDef[];
  issues: IssueStore;
  access: Map<string, ProjectAccess>;
  index: SiteIndex;
}

export interface SiteIndex {
  statusById: Map<string, StatusDef>;
  issueTypeById: Map<string, IssueTypeDef>;
  priorityById: Map<string, PriorityDef>;
  projectById: Map<string, ProjectDef>;
  projectByKey: Map<string, ProjectDef>;
}

export interface World {
  /** The person the consent page acts as and every token belongs to. */
  user: UserDef;
  /** Everyone issues can be assigned to or reported by (includes `user`). */
  people: UserDef[];
  sites: SiteWorld[];
}
