import 'server-only';
import { isJiraError, type JiraClient, type JiraIssue } from '../client';
import { settleAll } from '../client/settle-all';
import { sampleJql, statusCountJql } from './jql';
import type { PreviewRequest, PreviewResult, SampleIssue } from './preview-schema';

const SAMPLE_SIZE = 20;

/**
 * What the mapping does to the site's issues: approximate counts per status (one
 * search/approximate-count each; the client bounds concurrency and honours Retry-After) and a
 * sample of recent issues. The editor applies draft and saved mappings to these on its own.
 */
export async function previewMapping(client: JiraClient, request: PreviewRequest): Promise<PreviewResult> {
  const counts: Record<string, number> = {};
  const uncounted: string[] = [];
  const [issues] = await settleAll([
    client.searchIssues({ jql: sampleJql(request.projectFilter), fields: ['summary', 'status', 'priority', 'project'], maxResults: SAMPLE_SIZE }),
    ...request.statusIds.map(async (statusId) => {
      try {
        counts[statusId] = await client.approximateCount(statusCountJql(request.projectFilter, statusId));
      } catch (error) {
        if (!isJiraError(error) || error.kind === 'token_unusable') throw error;
        uncounted.push(statusId);
      }
    }),
  ]);
  return { counts, uncounted, issues: issues.issues.map(toSample) };
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
