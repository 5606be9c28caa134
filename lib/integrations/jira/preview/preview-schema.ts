import { z } from 'zod';
import { projectFilterSchema } from '../mapping/mapping-schema';

/** What the editor asks the server to preview: counts and samples through this project filter. */
export const previewRequestSchema = z.strictObject({
  projectFilter: projectFilterSchema,
  statusIds: z.array(z.string().regex(/^\d{1,18}$/, 'Status ids are digits.')).max(1000),
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
  /** Approximate number of issues per Jira status id, within the project filter. */
  counts: Record<string, number>;
  /** Status ids whose count could not be fetched (throttling, permissions). */
  uncounted: string[];
  issues: SampleIssue[];
}
