import 'server-only';
import { z } from 'zod';
import { isJiraError, type JiraClient } from '../client';

export const projectKeySchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'A Jira project key: capital letters, digits and underscores.');

export type ProjectStatuses =
  { projectKey: string; visible: true; statusIds: string[] } | { projectKey: string; visible: false; statusIds: [] };

/**
 * The statuses one project's workflows use, read with `project/{key}/statuses` (one request).
 * `statuses/search` names the project of team-managed statuses only, so the Overrides tab reads
 * the chosen project itself to show exactly its statuses. A project the authorizing user cannot
 * see (404/403) is reported, not thrown; other Jira failures throw.
 */
export async function readProjectStatuses(client: JiraClient, projectKey: string): Promise<ProjectStatuses> {
  try {
    const issueTypes = await client.getProjectStatuses(projectKey);
    const statusIds = [...new Set(issueTypes.flatMap((type) => type.statuses.map((status) => status.id)))];
    return { projectKey, visible: true, statusIds };
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'not_found' || error.kind === 'forbidden'))
      return { projectKey, visible: false, statusIds: [] };
    throw error;
  }
}
