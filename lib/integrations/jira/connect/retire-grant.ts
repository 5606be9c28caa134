import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/connect';
import { jiraAuditEvents, jiraConnections } from '@/db/schema';
import { deleteGrant } from '../token-store';

export type RetireReason =
  /** A newer consent's grant serves its sites now. */
  | 'replaced_by_new_consent'
  /** Its last site was disconnected, or its connection deleted through the API. */
  | 'last_site_disconnected';

/**
 * Retires a grant that no connection uses any more: Portico forgets it (row and both token
 * ciphertexts deleted, so no refresh and no keep-alive ever touches it again) and records that in the
 * audit log. Forgetting is deliberate, not a revoke: Atlassian documents no endpoint to revoke a 3LO
 * grant or token, only the user's own "Connected apps" page, and an unused refresh token expires there
 * after 90 days (docs/decisions/012-grants-per-consent.md). A grant still in use is left alone.
 */
export async function retireGrantIfUnused(
  tx: Transaction,
  orgId: string,
  grantId: string,
  cause: { reason: RetireReason; connectionId?: string | null; actorUserId?: string | null },
): Promise<boolean> {
  const [usage] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.grantId, grantId)));
  if ((usage?.count ?? 0) > 0) return false;
  const gone = await deleteGrant(tx, orgId, grantId);
  if (!gone) return false;
  await tx.insert(jiraAuditEvents).values({
    organizationId: orgId,
    connectionId: cause.connectionId ?? null,
    actorUserId: cause.actorUserId ?? null,
    action: 'grant_retired',
    detail: { grantId, reason: cause.reason, sites: gone.cloudIds.length, revokedAtAtlassian: false },
  });
  return true;
}
