import { z } from 'zod';
import { projectFilterSchema } from '../mapping/mapping-schema';
import type { CountSource } from './count-source';

/**
 * What the editor asks the server to preview: counts and samples through this project filter. The
 * server picks the statuses to count from the cached metadata; `statusIds` is only used while no
 * metadata has been cached yet.
 */
export const previewRequestSchema = z.strictObject({
  projectFilter: projectFilterSchema,
  statusIds: z.array(z.string().regex(/^\d{1,18}$/, 'Status ids are digits.')).max(1000).default([]),
});

export type PreviewRequest = z.infer<typeof previewRequestSchema>;

export interface SampleIssue {
  key: string;
  summary: string;
  projectKey: string;
  statusId: string | null;
  statusName: string | null;
  priorityId: string | null;
  priorityName: string | null;
}

export interface PreviewResult {
  /**
   * Issues per Jira status id within the project filter: exact counts of synced tickets when `source` is
   * 'synced_tickets', Jira's approximate counts when it is 'jira_approximate_count'.
   */
  counts: Record<string, number>;
  /** Status ids whose count could not be fetched (throttling, permissions). */
  uncounted: string[];
  /** Status ids in use that were not counted because a preview sends a bounded number of counts. */
  notCounted: string[];
  /** Filter keys left out: the authorizing user cannot see them, so Jira would refuse the query. */
  hiddenProjectKeys: string[];
  /** How many of `counts` came from Portico's short-lived cache rather than a Jira call. */
  cachedCounts: number;
  /** Which answered: the synced tickets in Portico (0 Jira calls) or Jira's search/approximate-count. */
  source: CountSource['kind'];
  issues: SampleIssue[];
}
