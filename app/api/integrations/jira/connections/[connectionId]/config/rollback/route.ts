// The history panel's "Restore" button (admins): makes an earlier version current again, as a new
// version, guarded by the version the admin was looking at; idempotent under the client's Idempotency-Key.
import { jsonError } from '@/lib/http/json';
import { readIdempotencyKey } from '@/lib/http/idempotency';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { defineRoute } from '@/lib/http/route-handler';
import { resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { rollbackRequestSchema } from '@/lib/integrations/jira/config/config-schema';
import { rollbackConfiguration } from '@/lib/integrations/jira/config/save-config';
import { toFieldErrors } from '@/lib/validation/field-errors';
import { MAX_CONFIG_BODY_BYTES, badIdempotencyKey, outcomeResponse } from '../config-response';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/config/rollback', checkOrigin: true },
  {
    POST: async (request, context) => {
      const resolved = await resolveConnection('admin', context);
      if (resolved.denied) return resolved.denied;
      const read = await readLimitedJson(request, MAX_CONFIG_BODY_BYTES);
      if ('response' in read) return read.response;
      const parsed = rollbackRequestSchema.safeParse(read.body);
      if (!parsed.success) {
        return jsonError(
          422,
          'invalid_request',
          'The rollback request is not valid; nothing was changed. Reload the history and try again.',
          { fieldErrors: toFieldErrors(parsed.error) },
        );
      }
      const idempotency = readIdempotencyKey(request, `jira_config_rollback:${resolved.connectionId}`, read.body);
      if (!idempotency.ok) return badIdempotencyKey(idempotency);
      return outcomeResponse(await rollbackConfiguration(resolved.member, resolved.connectionId, parsed.data, idempotency.request));
    },
  },
);
