// The configuration editors (project filter, status and priority mappings, per-project overrides):
// GET for any member, PUT for admins. Saves are guarded by the version the editor loaded, and idempotent
// under the editor's Idempotency-Key: a retry of a save that committed gets its answer, not a 409.
import { NextResponse } from 'next/server';
import { getJiraConfig } from '@/db/queries/jira-config';
import { jsonError } from '@/lib/http/json';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { saveConfigRequestSchema } from '@/lib/integrations/jira/config/config-schema';
import { toFieldErrors } from '@/lib/validation/field-errors';
import { saveConfiguration } from '@/lib/integrations/jira/config/save-config';
import { readIdempotencyKey } from '@/lib/http/idempotency';
import { MAX_CONFIG_BODY_BYTES, badIdempotencyKey, internalError, outcomeResponse } from './config-response';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';

export async function GET(_request: Request, context: ConnectionParams) {
  const resolved = await resolveConnection('member', context);
  if (resolved.denied) return resolved.denied;
  const current = await getJiraConfig(resolved.member.orgId, resolved.connectionId);
  if (!current) return notFound();
  return NextResponse.json(current, { headers: { 'Cache-Control': 'no-store' } });
}

export async function PUT(request: Request, context: ConnectionParams) {
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
      {
        fieldErrors: toFieldErrors(parsed.error),
      },
    );
  }
  const idempotency = readIdempotencyKey(request, `jira_config_save:${resolved.connectionId}`, read.body);
  if (!idempotency.ok) return badIdempotencyKey(idempotency);
  try {
    return outcomeResponse(
      await saveConfiguration(resolved.member, resolved.connectionId, parsed.data, idempotency.request),
    );
  } catch (error) {
    return internalError('save', error);
  }
}
