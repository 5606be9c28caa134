// Mapping preview for the editors: issue counts per Jira status within a project filter, and a
// sample of 20 recent issues. From the synced tickets once the connection's backfill covers the
// filter (0 Jira calls); until then Jira's approximate counts (only the statuses those projects use,
// bounded, cached a few minutes). Read-only: any member may ask.
import { NextResponse } from 'next/server';
import { getSyncTarget } from '@/db/queries/jira-sync';
import { previewFromTickets } from '@/db/queries/jira-tickets';
import { jsonError } from '@/lib/http/json';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { defineRoute } from '@/lib/http/route-handler';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { isJiraError } from '@/lib/integrations/jira/client';
import { jiraClientForConnection } from '@/lib/integrations/jira/connection-client';
import { getCachedMetadata } from '@/lib/integrations/jira/metadata/metadata-cache';
import { grantPreviewFailure, jiraPreviewFailure, type PreviewFailure } from '@/lib/integrations/jira/preview/preview-failure';
import { countCacheFor } from '@/lib/integrations/jira/preview/count-cache';
import { PREVIEW_LIMITS } from '@/lib/integrations/jira/preview/plan-counts';
import { previewMapping } from '@/lib/integrations/jira/preview/preview-mapping';
import { previewRequestSchema } from '@/lib/integrations/jira/preview/preview-schema';
import { GrantUnusableError } from '@/lib/integrations/jira/token-store';
import { toFieldErrors } from '@/lib/validation/field-errors';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/preview', checkOrigin: true },
  { POST: preview },
);

async function preview(request: Request, context: ConnectionParams) {
  const resolved = await resolveConnection('member', context);
  if (resolved.denied) return resolved.denied;
  const read = await readLimitedJson(request, 64 * 1024);
  if ('response' in read) return read.response;
  const parsed = previewRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    return jsonError(422, 'invalid_preview_request', 'The preview request is not valid.', { fieldErrors: toFieldErrors(parsed.error) });
  }
  try {
    const { orgId } = resolved.member;
    const client = await jiraClientForConnection(orgId, resolved.connectionId, { maxConcurrency: PREVIEW_LIMITS.concurrency });
    const { connectionId } = resolved;
    const [{ metadata }, target] = await Promise.all([getCachedMetadata(orgId, connectionId), getSyncTarget(orgId, connectionId)]);
    const result = await previewMapping(client, parsed.data, {
      metadata,
      cache: countCacheFor(orgId, connectionId),
      synced: { coverage: target?.state ?? null, read: (keys, size) => previewFromTickets(orgId, connectionId, keys, size) },
    });
    return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof GrantUnusableError) {
      if (error.reason === 'not_connected') return notFound();
      return failure(grantPreviewFailure(error.reason));
    }
    if (isJiraError(error)) {
      const hidden = error.kind === 'bad_request' ? await projectsNotVisible(resolved.member.orgId, resolved.connectionId, parsed.data.projectFilter) : [];
      return failure(jiraPreviewFailure(error.kind, hidden));
    }
    throw error;
  }
}

const failure = ({ status, error, message }: PreviewFailure) => jsonError(status, error, message);

/** Filter keys missing from the cached project list: the projects Jira does not show the connecting user. */
async function projectsNotVisible(orgId: string, connectionId: string, projectFilter: readonly string[]) {
  const { metadata } = await getCachedMetadata(orgId, connectionId);
  if (!metadata) return [];
  const visible = new Set(metadata.projects.map((project) => project.key));
  return projectFilter.filter((key) => !visible.has(key));
}
