// The configuration editors (project filter, status and priority mappings, per-project overrides):
// GET for any member, PUT for admins. Saves are guarded by the version the editor loaded, and idempotent
// under the editor's Idempotency-Key: a retry of a save that committed gets its answer, not a 409.
import { NextResponse } from 'next/server';
import { getJiraConfig } from '@/db/queries/jira-config';
import { jsonError } from '@/lib/http/json';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { readIdempotencyKey } from '@/lib/http/idempotency';
import { defineRoute } from '@/lib/http/route-handler';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { saveConfigRequestSchema } from '@/lib/integrations/jira/config/config-schema';
import { saveConfiguration } from '@/lib/integrations/jira/config/save-config';
import { toFieldErrors } from '@/lib/validation/field-errors';
import { MAX_CONFIG_BODY_BYTES, badIdempotencyKey, outcomeResponse } from './config-response';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/config', checkOrigin: true },
  {
    GET: async (_request, context) => {
      const resolved = await resolveConnection('member', context);
      if (resolved.denied) return resolved.denied;
      const current = await getJiraConfig(resolved.member.orgId, resolved.connectionId);
      if (!current) return notFound();
      return NextResponse.json(current, { headers: { 'Cache-Control': 'no-store' } });
    },

    PUT: async (request, context) => {
      const resolved = await resolveConnection('admin', context);
      if (resolved.denied) return resolved.denied;
      const read = await readLimitedJson(request, MAX_CONFIG_BODY_BYTES);
      if ('response' in read) return read.response;
      const parsed = saveConfigRequestSchema.safeParse(read.body);
      if (!parsed.success) {
        return jsonError(
          422,
          'invalid_config',
          'Some values are not valid; nothing was saved. Correct the listed fields and save again.',
          { fieldErrors: toFieldErrors(parsed.error) },
        );
      }
      const idempotency = readIdempotencyKey(request, `jira_config_save:${resolved.connectionId}`, read.body);
      if (!idempotency.ok) return badIdempotencyKey(idempotency);
      return outcomeResponse(await saveConfiguration(resolved.member, resolved.connectionId, parsed.data, idempotency.request));
    },
  },
);
