import 'server-only';
import { createHash } from 'node:crypto';
import type { StoredIdempotentResponse } from '@/db/queries/idempotency-keys';

/*
 * Idempotent saves: the client sends `Idempotency-Key: <uuid>` with a save and the same key with every retry of
 * it. The first answer is recorded with the save (db/queries/idempotency-keys.ts); a retry with the same key and
 * the same request gets it back, even when the first answer never reached the client (a process that died right
 * after its commit). The same key with a different request is refused with 422: that is a client bug, and
 * replaying the other request's answer would hide it.
 */

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Printable ASCII without spaces, as Stripe and the IETF draft allow; a UUID fits with room to spare. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  key: string;
  scope: string;
  fingerprint: string;
}

export type IdempotencyKeyRead = { ok: true; request?: IdempotentRequest } | { ok: false; message: string };

/** The request's key (none is fine: the save is then not idempotent), bound to its scope and body. */
export function readIdempotencyKey(request: Request, scope: string, body: unknown): IdempotencyKeyRead {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return { ok: true };
  if (!KEY_PATTERN.test(key)) {
    return {
      ok: false,
      message: `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 255 printable ASCII characters without spaces (a UUID is best); nothing was saved.`,
    };
  }
  const fingerprint = createHash('sha256')
    .update(`${scope}\n${canonicalJson(body)}`)
    .digest('hex');
  return { ok: true, request: { key, scope, fingerprint } };
}

export const IDEMPOTENCY_KEY_REUSED_MESSAGE = `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request; nothing was saved. Send a new key with each new change, and the same key only when retrying the same request.`;

/** What a stored answer means for this request: replay it, or refuse a reused key. */
export function judgeStoredResponse(
  stored: StoredIdempotentResponse,
  request: IdempotentRequest,
): 'replay' | 'key_reused' {
  return stored.scope === request.scope && stored.fingerprint === request.fingerprint ? 'replay' : 'key_reused';
}

/** JSON with object keys sorted, so the same request sent with its keys in another order matches. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
