import 'server-only';
import type { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getIdempotentResponse, insertIdempotentResponse } from '@/db/queries/idempotency-keys';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_REUSED_MESSAGE,
  judgeStoredResponse,
  readIdempotencyKey,
  type IdempotentRequest,
} from '@/lib/http/idempotency';
import { apiError, apiJson } from './respond';

/**
 * `Idempotency-Key` on the API's changes: the first successful answer is recorded and a retry with the same
 * key and body gets it back; the same key with another body is refused (422 `idempotency_key_reused`).
 */
export async function idempotencyFor(
  request: Request,
  orgId: string,
  scope: string,
  body: unknown,
): Promise<{ request?: IdempotentRequest; response?: NextResponse }> {
  const read = readIdempotencyKey(request, scope, body);
  if (!read.ok) return { response: apiError('validation_failed', read.message, { field: IDEMPOTENCY_KEY_HEADER }) };
  if (!read.request) return {};
  const stored = await getIdempotentResponse(getDb(), orgId, read.request.key);
  if (!stored) return { request: read.request };
  if (judgeStoredResponse(stored, read.request) === 'key_reused') {
    return { response: apiError('idempotency_key_reused', IDEMPOTENCY_KEY_REUSED_MESSAGE, { field: IDEMPOTENCY_KEY_HEADER }) };
  }
  return { response: apiJson(stored.statusCode, stored.response) };
}

/**
 * Records a successful answer. The PATCH it answers spans several statements (configuration, settings, name
 * resolution), so this is written after them, not with them: a crash in between leaves no answer, and the
 * retry applies the same absolute values again, which ends in the same state.
 */
export async function recordIdempotentAnswer(
  orgId: string,
  request: IdempotentRequest,
  statusCode: number,
  response: unknown,
): Promise<void> {
  const { key, scope, fingerprint } = request;
  await insertIdempotentResponse(getDb(), orgId, key, { scope, fingerprint, statusCode, response });
}
