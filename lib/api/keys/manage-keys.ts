import 'server-only';
import { insertApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from './key-format';

/** Creates a key and returns its secret: the only time Portico ever has it in clear. */
export async function createApiKey(orgId: string, userId: string, name: string) {
  const key = generateApiKey();
  const row = await insertApiKey(orgId, { name, prefix: key.prefix, secretHash: key.secretHash, createdByUserId: userId });
  return { id: row.id, name: row.name, prefix: row.prefix, secret: key.secret };
}
