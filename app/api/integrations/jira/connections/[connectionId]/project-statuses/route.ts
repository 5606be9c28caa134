// The Overrides tab asks which statuses one project uses (?project=KEY) when the cached statuses
// come from statuses/search, which does not say so for global statuses. One Jira request; any member.
import { NextResponse } from 'next/server';
import { jsonError } from '@/lib/http/json';
import { defineRoute } from '@/lib/http/route-handler';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { jiraClientForConnection } from '@/lib/integrations/jira/connection-client';
import { describeRefreshError } from '@/lib/integrations/jira/metadata/describe-refresh-error';
import { projectKeySchema, readProjectStatuses } from '@/lib/integrations/jira/metadata/project-statuses';
import { isJiraError } from '@/lib/integrations/jira/client';
import { GrantUnusableError } from '@/lib/integrations/jira/token-store';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/project-statuses', checkOrigin: true },
  {
    GET: async (request, context) => {
      const resolved = await resolveConnection('member', context);
      if (resolved.denied) return resolved.denied;
      const key = projectKeySchema.safeParse(new URL(request.url).searchParams.get('project'));
      if (!key.success) return jsonError(422, 'invalid_project_key', 'Give one Jira project key, e.g. ?project=PLAT.');
      try {
        const client = await jiraClientForConnection(resolved.member.orgId, resolved.connectionId);
        const result = await readProjectStatuses(client, key.data);
        return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
      } catch (error) {
        if (error instanceof GrantUnusableError && error.reason === 'not_connected') return notFound();
        if (error instanceof GrantUnusableError || isJiraError(error)) {
          const { kind, message } = describeRefreshError(error);
          return jsonError(kind === 'rate_limited' ? 429 : 502, kind, message);
        }
        throw error;
      }
    },
  },
);
