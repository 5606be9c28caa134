// The Jira operations the sandbox implements, keyed "METHOD template" as in the OpenAPI document.
import type { JiraHandler } from './context';
import { getMyself } from './myself';
import { getMyPermissions } from './permissions';
import { getPriorities, getPriority, searchPriorities } from './priorities';
import { getProject, getProjectStatuses, searchProjects } from './projects';
import { approximateCount, getIssue, searchJqlGet, searchJqlPost } from './search';
import { getStatus, getStatusCategories, getStatusCategory, getStatuses, searchStatuses } from './statuses';
import { deleteWebhooks, listWebhooks, refreshWebhooks, registerWebhooks } from './webhooks';

export const JIRA_HANDLERS: Record<string, JiraHandler> = {
  'GET myself': getMyself,
  'GET project/search': searchProjects,
  'GET project/{projectIdOrKey}': getProject,
  'GET project/{projectIdOrKey}/statuses': getProjectStatuses,
  'GET status': getStatuses,
  'GET status/{idOrName}': getStatus,
  'GET statuscategory': getStatusCategories,
  'GET statuscategory/{idOrKey}': getStatusCategory,
  'GET statuses/search': searchStatuses,
  'GET priority': getPriorities,
  'GET priority/{id}': getPriority,
  'GET priority/search': searchPriorities,
  'GET mypermissions': getMyPermissions,
  'GET search/jql': searchJqlGet,
  'POST search/jql': searchJqlPost,
  'POST search/approximate-count': approximateCount,
  'GET issue/{issueIdOrKey}': getIssue,
  'POST webhook': registerWebhooks,
  'GET webhook': listWebhooks,
  'DELETE webhook': deleteWebhooks,
  'PUT webhook/refresh': refreshWebhooks,
};
