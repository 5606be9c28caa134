import 'server-only';

export { createJiraClient, type JiraClient, type JiraClientOptions } from './jira-client';
export { getAccessibleResources } from './accessible-resources';
export { JiraError, isJiraError, type JiraErrorKind } from './errors';
export type { JiraCallEvent, GetAccessToken } from './transport';
export type { ProjectStatusesResult } from './statuses-for-projects';
export type {
  AccessibleResource,
  JiraIssue,
  JiraIssueSearchPage,
  JiraIssueTypeWithStatuses,
  JiraMyself,
  JiraPriority,
  JiraProject,
  JiraSearchedStatus,
  JiraStatusCategory,
  JiraStatusDetails,
  JiraUserPermission,
  PageBean,
} from './schemas';
