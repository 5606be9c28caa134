import 'server-only';
import { insertApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from './key-format';

/**
 * Active (unrevoked) keys an organization may hold. Each is a standing credential and an independent rate-limit
 * budget; an integration needs one or two, so a runaway script cannot mint keys to multiply its limit.
 */
export const MAX_ACTIVE_API_KEYS = 25;

export class ApiKeyLimitReached extends Error {
  readonly code = 'too_many_api_keys';
  constructor() {
    super(`Your organization already has ${MAX_ACTIVE_API_KEYS} active API keys, the most allowed. Revoke a key you no longer use, then create this one.`);
  }
}

/** Creates a key and returns its secret: the only time Portico ever has it in clear. Throws ApiKeyLimitReached. */
export async function createApiKey(orgId: string, userId: string, name: string) {
  const key = generateApiKey();
  const row = await insertApiKey(orgId, { name, prefix: key.prefix, secretHash: key.secretHash, createdByUserId: userId }, MAX_ACTIVE_API_KEYS);
  if (!row) throw new ApiKeyLimitReached();
  return { id: row.id, name: row.name, prefix: row.prefix, secret: key.secret };
}
