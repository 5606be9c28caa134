import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from '../client';
import { jiraAuthorizeLinks, jiraConnections } from '../schema';

/**
 * Issues a link for one connection of the organization. Earlier unused links of that connection stop working:
 * only the latest link an integrator sent out is valid, so a leaked old one is worthless. The connection row
 * is locked first, so concurrent re-issues run one after the other (each one's replace sees the other's link)
 * and the organization check is the query's own; false when the organization has no such connection.
 */
export async function replaceAuthorizeLink(
  orgId: string,
  input: { connectionId: string; tokenHash: string; apiKeyId: string | null; expiresAt: Date },
): Promise<boolean> {
  if (!isUuid(input.connectionId)) return false;
  return getDb().transaction(async (tx) => {
    const [connection] = await tx
      .select({ id: jiraConnections.id })
      .from(jiraConnections)
      .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, input.connectionId)))
      .for('update');
    if (!connection) return false;
    // A replaced link expires now rather than being marked used: nobody used it, and its page should say
    // "ask for a new link", not "already used".
    await tx
      .update(jiraAuthorizeLinks)
      .set({ expiresAt: sql`now()` })
      .where(
        and(
          eq(jiraAuthorizeLinks.organizationId, orgId),
          eq(jiraAuthorizeLinks.connectionId, input.connectionId),
          isNull(jiraAuthorizeLinks.usedAt),
          gt(jiraAuthorizeLinks.expiresAt, sql`now()`),
        ),
      );
    await tx.insert(jiraAuthorizeLinks).values({
      tokenHash: input.tokenHash,
      organizationId: orgId,
      connectionId: input.connectionId,
      createdByApiKeyId: input.apiKeyId,
      expiresAt: input.expiresAt,
    });
    return true;
  });
}

/**
 * A link by its token hash, for the page that explains it. Not scoped by organization: whoever holds the
 * token learns only which organization it is for, and the page refuses anyone outside it.
 */
export async function findAuthorizeLink(tokenHash: string) {
  const [row] = await getDb()
    .select({
      organizationId: jiraAuthorizeLinks.organizationId,
      connectionId: jiraAuthorizeLinks.connectionId,
      expiresAt: jiraAuthorizeLinks.expiresAt,
      usedAt: jiraAuthorizeLinks.usedAt,
      connectionStatus: jiraConnections.status,
      siteName: jiraConnections.siteName,
    })
    .from(jiraAuthorizeLinks)
    .innerJoin(jiraConnections, eq(jiraConnections.id, jiraAuthorizeLinks.connectionId))
    .where(eq(jiraAuthorizeLinks.tokenHash, tokenHash));
  return row;
}

/** Marks the link used, once: of concurrent uses exactly one gets the connection id. */
export async function consumeAuthorizeLink(orgId: string, tokenHash: string): Promise<string | undefined> {
  const [row] = await getDb()
    .update(jiraAuthorizeLinks)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(jiraAuthorizeLinks.tokenHash, tokenHash),
        eq(jiraAuthorizeLinks.organizationId, orgId),
        isNull(jiraAuthorizeLinks.usedAt),
        gt(jiraAuthorizeLinks.expiresAt, sql`now()`),
      ),
    )
    .returning({ connectionId: jiraAuthorizeLinks.connectionId });
  return row?.connectionId;
}
