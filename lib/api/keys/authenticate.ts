import 'server-only';
import { findActiveApiKeyByHash, touchApiKey } from '@/db/queries/api-keys';
import { bearerKey, hashApiKey } from './key-format';

export interface ApiCaller {
  orgId: string;
  keyId: string;
}

/** lastUsedAt is a "was this key used recently" signal, so one write per key per minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The organization a request acts for, from `Authorization: Bearer <key>`; undefined for a missing,
 * malformed, unknown or revoked key. Revocation is read on every request, so it takes effect at once.
 */
export async function authenticateApiKey(request: Request): Promise<ApiCaller | undefined> {
  const key = bearerKey(request.headers.get('authorization'));
  if (!key) return undefined;
  const row = await findActiveApiKeyByHash(hashApiKey(key));
  if (!row) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await touchApiKey(row.organizationId, row.id, TOUCH_EVERY_MS);
  }
  return { orgId: row.organizationId, keyId: row.id };
}
