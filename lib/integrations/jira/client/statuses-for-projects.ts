import { JiraError } from './errors';
import type { JiraIssueTypeWithStatuses } from './schemas';

export type ProjectStatusesResult =
  | { projectKey: string; ok: true; issueTypes: JiraIssueTypeWithStatuses[] }
  | { projectKey: string; ok: false; error: JiraError };

/**
 * Fetches `project/{key}/statuses` for each project. One project failing (deleted, not browsable)
 * must not hide the others, so JiraErrors are returned per project. Anything else, such as a
 * failed token refresh from getAccessToken, affects every project alike and is rethrown.
 * Concurrency is bounded by the client's semaphore, which every call passes through.
 */
export async function getStatusesForProjects(
  getProjectStatuses: (projectKey: string) => Promise<JiraIssueTypeWithStatuses[]>,
  projectKeys: readonly string[],
): Promise<ProjectStatusesResult[]> {
  const uniqueKeys = [...new Set(projectKeys)];
  return Promise.all(
    uniqueKeys.map(async (projectKey): Promise<ProjectStatusesResult> => {
      try {
        return { projectKey, ok: true, issueTypes: await getProjectStatuses(projectKey) };
      } catch (error) {
        if (error instanceof JiraError) return { projectKey, ok: false, error };
        throw error;
      }
    }),
  );
}
