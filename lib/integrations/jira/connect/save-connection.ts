import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Transaction } from '@/db/connect';
import { jiraAuditEvents, jiraConnections } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import type { AccessibleResource } from '../client';
import type { AtlassianTokenSet } from '../oauth/token-endpoint';
import { deleteGrant, storeGrantTokens } from '../token-store';

export type SavedConnection =
  | { connectionId: string; reconnected: boolean; conflict?: undefined }
  | { conflict: 'site_already_connected' | 'site_has_disconnected_connection'; connectionId: string; reconnected?: undefined };

export interface AuthorizingAccount {
  accountId: string;
  displayName: string;
}

/**
 * Saves a finished consent for one site, atomically: the account's grant (tokens), the site's
 * connection (configuration untouched), and an audit event. Returns whether it was a reconnect.
 */
export async function saveConnection(input: {
  member: CurrentMember;
  clientId: string;
  tokens: AtlassianTokenSet;
  site: AccessibleResource;
  /** Every site the new tokens reach (accessible-resources), the chosen one included. */
  reachableCloudIds: string[];
  account: AuthorizingAccount;
  /**
   * A connection created through the API and waiting for its first consent: the consent fills THAT row
   * (site, grant, status) instead of creating another one. Ignored once the row is no longer pending.
   */
  pendingConnectionId?: string;
}): Promise<SavedConnection> {
  const { member, site, account, tokens } = input;
  return getDb().transaction(async (tx) => {
    const [previous] = await tx
      .select({ id: jiraConnections.id, grantId: jiraConnections.grantId, siteName: jiraConnections.siteName, status: jiraConnections.status, accountId: jiraConnections.authorizedByAccountId })
      .from(jiraConnections)
      .where(and(eq(jiraConnections.organizationId, member.orgId), eq(jiraConnections.cloudId, site.id)))
      .for('update');
    const [pending] = input.pendingConnectionId
      ? await tx
          .select({ id: jiraConnections.id })
          .from(jiraConnections)
          .where(
            and(
              eq(jiraConnections.organizationId, member.orgId),
              eq(jiraConnections.id, input.pendingConnectionId),
              eq(jiraConnections.status, 'pending_authorization'),
            ),
          )
          .for('update')
      : [];
    // The organization already has this site under another connection: one site, one connection (the
    // unique index says so too). Nothing is saved; the pending connection keeps waiting. A disconnected one
    // is named as such: the admin kept its configuration on purpose, so it is never deleted silently here.
    if (pending && previous) {
      return { conflict: previous.status === 'disconnected' ? 'site_has_disconnected_connection' : 'site_already_connected', connectionId: previous.id };
    }
    const grantId = await storeGrantTokens(tx, {
      orgId: member.orgId,
      clientId: input.clientId,
      accountId: account.accountId,
      accountName: account.displayName,
      tokens,
    });
    const values = {
      grantId,
      siteName: site.name,
      siteUrl: site.url,
      siteAvatarUrl: site.avatarUrl ?? null,
      status: 'connected' as const,
      statusReason: null,
      authorizedByAccountId: account.accountId,
      authorizedByName: account.displayName,
      grantedScopes: tokens.scopes,
      connectedByUserId: member.userId,
      connectedAt: new Date(),
      updatedAt: new Date(),
    };
    const [connection] = pending
      ? await tx.update(jiraConnections).set({ ...values, cloudId: site.id }).where(eq(jiraConnections.id, pending.id)).returning({ id: jiraConnections.id })
      : previous
      ? await tx.update(jiraConnections).set(values).where(eq(jiraConnections.id, previous.id)).returning({ id: jiraConnections.id })
      : await tx.insert(jiraConnections).values({ ...values, organizationId: member.orgId, cloudId: site.id }).returning({ id: jiraConnections.id });
    const connectionId = connection!.id;
    // The grant serves every site of this account: sites it had marked needs_reconnect work again
    // with the new tokens (if this consent still reaches them), so their status must not stay stale.
    await tx
      .update(jiraConnections)
      .set({ status: 'connected', statusReason: null, updatedAt: new Date() })
      .where(
        and(
          eq(jiraConnections.organizationId, member.orgId),
          eq(jiraConnections.grantId, grantId),
          inArray(jiraConnections.cloudId, input.reachableCloudIds),
          eq(jiraConnections.status, 'needs_reconnect'),
        ),
      );

    const events: { action: string; detail: Record<string, unknown> }[] = [
      { action: previous ? 'reconnect' : 'connect', detail: { site: site.name, authorizedBy: account.displayName, scopes: tokens.scopes } },
    ];
    if (previous && previous.siteName !== site.name) events.push({ action: 'site_changed', detail: { from: previous.siteName, to: site.name } });
    if (previous?.accountId && previous.accountId !== account.accountId) {
      events.push({ action: 'authorizing_user_changed', detail: { to: account.displayName } });
    }
    await tx.insert(jiraAuditEvents).values(
      events.map((event) => ({ organizationId: member.orgId, connectionId, actorUserId: member.userId, ...event })),
    );

    // The site moved to another account's grant: drop the old grant if nothing uses it now.
    if (previous?.grantId && previous.grantId !== grantId) await deleteGrantIfUnused(tx, member.orgId, previous.grantId);
    return { connectionId, reconnected: Boolean(previous) };
  });
}

export async function deleteGrantIfUnused(tx: Transaction, orgId: string, grantId: string): Promise<void> {
  const [usage] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.grantId, grantId)));
  if ((usage?.count ?? 0) === 0) await deleteGrant(tx, orgId, grantId);
}
