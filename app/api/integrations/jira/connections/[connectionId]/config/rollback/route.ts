// The history panel's "Restore" button (admins): makes an earlier version current again, as a new
// version, guarded by the version the admin was looking at; idempotent under the client's Idempotency-Key.
import { jsonError } from '@/lib/http/json';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { rollbackRequestSchema } from '@/lib/integrations/jira/config/config-schema';
import { toFieldErrors } from '@/lib/validation/field-errors';
import { rollbackConfiguration } from '@/lib/integrations/jira/config/save-config';
import { readIdempotencyKey } from '@/lib/http/idempotency';
import { MAX_CONFIG_BODY_BYTES, badIdempotencyKey, internalError, outcomeResponse } from '../config-response';
import { resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';

export async function POST(request: Request, context: ConnectionParams) {
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
      {
        fieldErrors: toFieldErrors(parsed.error),
      },
    );
  }
  const idempotency = readIdempotencyKey(request, `jira_config_rollback:${resolved.connectionId}`, read.body);
  if (!idempotency.ok) return badIdempotencyKey(idempotency);
  try {
    return outcomeResponse(
      await rollbackConfiguration(resolved.member, resolved.connectionId, parsed.data, idempotency.request),
    );
  } catch (error) {
    return internalError('rollback', error);
  }
}
