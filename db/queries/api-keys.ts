import 'server-only';
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { apiKeys, organizations, users } from '../schema';

/** What the settings page may show of a key: never its hash. */
export async function listApiKeys(orgId: string) {
  return getDb()
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      createdByName: users.name,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(eq(apiKeys.organizationId, orgId))
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * Inserts a key unless the organization already has `maxActive` unrevoked keys (then undefined). The
 * organization's row is locked first, so concurrent creations cannot all pass the count.
 */
export async function insertApiKey(
  orgId: string,
  input: { name: string; prefix: string; secretHash: string; createdByUserId: string },
  maxActive: number,
) {
  return getDb().transaction(async (tx) => {
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for('update');
    const [active] = await tx
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, orgId), isNull(apiKeys.revokedAt)));
    if ((active?.n ?? 0) >= maxActive) return undefined;
    const [row] = await tx
      .insert(apiKeys)
      .values({ organizationId: orgId, ...input })
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
    return row!;
  });
}

/** Revokes at once: authentication reads revokedAt on every request. False when no such active key. */
export async function revokeApiKey(orgId: string, keyId: string): Promise<boolean> {
  const rows = await getDb()
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.organizationId, orgId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/**
 * The only lookup not scoped by organization: the key itself says which organization it belongs to. An
 * equality match on a unique index of the hash, so timing reveals nothing about other keys.
 */
export async function findActiveApiKeyByHash(secretHash: string) {
  const [row] = await getDb()
    .select({ id: apiKeys.id, organizationId: apiKeys.organizationId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)));
  return row;
}

/** Records a use unless one was recorded in the last `withinMs` (keeps reads cheap under load). */
export async function touchApiKey(orgId: string, keyId: string, withinMs: number): Promise<void> {
  const cutoff = new Date(Date.now() - withinMs);
  await getDb()
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.organizationId, orgId),
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, cutoff)),
      ),
    );
}
