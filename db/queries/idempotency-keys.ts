import 'server-only';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { getDb } from '../client';
import type { Database, Transaction } from '../connect';
import { idempotencyKeys } from '../schema';

/** Long enough for any client retry, short enough that the table stays small. */
const KEPT_FOR = sql`interval '24 hours'`;

export interface StoredIdempotentResponse {
  scope: string;
  fingerprint: string;
  statusCode: number;
  response: unknown;
}

/** The answer recorded for this key, if it was used in the last 24 hours. */
export async function getIdempotentResponse(
  db: Database | Transaction,
  orgId: string,
  key: string,
): Promise<StoredIdempotentResponse | undefined> {
  const [row] = await db
    .select({
      scope: idempotencyKeys.scope,
      fingerprint: idempotencyKeys.fingerprint,
      statusCode: idempotencyKeys.statusCode,
      response: idempotencyKeys.response,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.organizationId, orgId),
        eq(idempotencyKeys.key, key),
        gt(idempotencyKeys.createdAt, sql`now() - ${KEPT_FOR}`),
      ),
    );
  return row;
}

/** Records the answer; an expired entry under the same key is replaced, a live one is kept (first answer wins). */
export async function insertIdempotentResponse(
  db: Database | Transaction,
  orgId: string,
  key: string,
  entry: StoredIdempotentResponse,
): Promise<void> {
  await db
    .insert(idempotencyKeys)
    .values({ organizationId: orgId, key, ...entry })
    .onConflictDoUpdate({
      target: [idempotencyKeys.organizationId, idempotencyKeys.key],
      set: { ...entry, createdAt: sql`now()` },
      setWhere: lt(idempotencyKeys.createdAt, sql`now() - ${KEPT_FOR}`),
    });
}

export async function deleteExpiredIdempotencyKeys(): Promise<void> {
  await getDb()
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - ${KEPT_FOR}`));
}
