import 'server-only';
import { NextResponse } from 'next/server';
import { IDEMPOTENCY_KEY_REUSED_MESSAGE, type IdempotencyKeyRead } from '@/lib/http/idempotency';
import { jsonError } from '@/lib/http/json';
import { notFound } from '@/lib/http/resolve-connection';
import type { SaveConfigOutcome } from '@/lib/integrations/jira/config/save-config';

/** 512 KiB: far above a real site's full configuration, low enough to bound one request's work. */
export const MAX_CONFIG_BODY_BYTES = 512 * 1024;

export function outcomeResponse(outcome: SaveConfigOutcome): NextResponse {
  if (outcome.ok) {
    const { ok: _ok, ...body } = outcome;
    return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
  }
  switch (outcome.reason) {
    case 'not_found':
      return notFound();
    case 'version_not_found':
      return jsonError(
        404,
        'version_not_found',
        `Version ${outcome.version} does not exist in this connection's history. Reload the history and choose again.`,
      );
    case 'idempotency_key_reused':
      return jsonError(422, 'idempotency_key_reused', IDEMPOTENCY_KEY_REUSED_MESSAGE);
    case 'invalid_config':
      return jsonError(422, 'invalid_config', outcome.message, { fieldErrors: outcome.fieldErrors });
    case 'stale_version': {
      const who = outcome.current.updatedBy ?? 'Another admin';
      return jsonError(
        409,
        'stale_version',
        `Another admin saved changes since you started editing (${who}, version ${outcome.current.version}). Review their changes, then apply yours again on top of them; nothing was saved.`,
        { current: outcome.current, changes: outcome.changes },
      );
    }
  }
}

/** A malformed Idempotency-Key header: 422 before anything is saved. */
export function badIdempotencyKey(read: Extract<IdempotencyKeyRead, { ok: false }>): NextResponse {
  return jsonError(422, 'invalid_idempotency_key', read.message);
}
