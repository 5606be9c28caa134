'use server';

import { revalidatePath } from 'next/cache';
import { revokeApiKey } from '@/db/queries/api-keys';
import { adminAction } from '@/lib/actions/admin-action';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/api/keys/key-schemas';
import { ApiKeyLimitReached, createApiKey } from '@/lib/api/keys/manage-keys';

/** Returns the secret once; the page shows it and it is never retrievable again. */
export const createApiKeyAction = adminAction(createApiKeySchema, async ({ name }, member) => {
  try {
    const created = await createApiKey(member.orgId, member.userId, name);
    revalidatePath('/settings/api-keys');
    return { ok: true, data: created };
  } catch (error) {
    if (error instanceof ApiKeyLimitReached) return { ok: false, error: error.message };
    throw error;
  }
});

export const revokeApiKeyAction = adminAction(revokeApiKeySchema, async ({ keyId }, member) => {
  const revoked = await revokeApiKey(member.orgId, keyId);
  revalidatePath('/settings/api-keys');
  return revoked ? { ok: true, data: undefined, message: 'The key is revoked. Requests with it are refused from now on.' } : { ok: false, error: 'This key does not exist or is already revoked.' };
});
