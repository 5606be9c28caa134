import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Transaction } from '@/db/connect';
import { clearSyncFailures } from '@/db/queries/jira-sync';
import { recordActivity } from '@/db/queries/connection-activity';
import { jiraConnections, jiraGrants } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import type { AccessibleResource } from '../client';
import type { AtlassianTokenSet } from '../oauth/token-endpoint';
import { connectionsToMove } from '../grant-coverage';
import { FIXED_BY_NEW_CONSENT } from '../sync/sync-failure';
import { storeGrantTokens } from '../token-store';
import { retireGrantIfUnused } from './retire-grant';

export type SavedConnection =
  | { connectionId: string; reconnected: boolean; conflict?: undefined }
  | { conflict: 'site_already_connected' | 'site_has_disconnected_connection'; connectionId: string; reconnected?: undefined };

export interface AuthorizingAccount {
  accountId: string;
  displayName: string;
}

/**
 * Saves a finished consent for one site, atomically: a new grant (tokens and the sites the consent
 * reaches), the site's connection pointing at it (configuration untouched), the account's other
 * connections the grant covers, the retirement of grants nothing uses any more, and audit events.
 * Returns whether it was a reconnect.
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
      cloudIds: input.reachableCloudIds,
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
    const replacedGrantIds = new Set<string>(previous?.grantId && previous.grantId !== grantId ? [previous.grantId] : []);
    const adopted = await adoptCoveredConnections(tx, { orgId: member.orgId, grantId, connectionId, clientId: input.clientId, accountId: account.accountId, cloudIds: input.reachableCloudIds, scopes: tokens.scopes });
    for (const grant of adopted.leftGrantIds) replacedGrantIds.add(grant);
    await clearSyncFailures(tx, [connectionId, ...adopted.connectionIds], FIXED_BY_NEW_CONSENT);

    const events: { action: string; detail: Record<string, unknown> }[] = [
      { action: previous ? 'reconnect' : 'connect', detail: { site: site.name, authorizedBy: account.displayName, scopes: tokens.scopes, ...(previous ? {} : { created: !pending }) } },
    ];
    if (previous && previous.siteName !== site.name) events.push({ action: 'site_changed', detail: { from: previous.siteName, to: site.name } });
    if (previous?.accountId && previous.accountId !== account.accountId) {
      events.push({ action: 'authorizing_user_changed', detail: { to: account.displayName } });
    }
    await recordActivity(
      tx,
      events.map((event) => ({ organizationId: member.orgId, connectionId, actorUserId: member.userId, ...event })),
    );

    // Grants whose every site moved to the new one are retired (their tokens forgotten); a grant that still
    // serves another site, say a resource-level consent for another site, is left alone.
    for (const oldGrantId of replacedGrantIds) {
      await retireGrantIfUnused(tx, member.orgId, oldGrantId, { reason: 'replaced_by_new_consent', connectionId, actorUserId: member.userId });
    }
    return { connectionId, reconnected: Boolean(previous) };
  });
}

/**
 * Moves to the new grant the organization's other connections that it covers and that the same
 * Atlassian account authorized under the same app (grant-coverage.ts), so one token family serves them;
 * those it had marked needs_reconnect work again. Returns them and the grants they left.
 */
async function adoptCoveredConnections(
  tx: Transaction,
  input: { orgId: string; grantId: string; connectionId: string; clientId: string; accountId: string; cloudIds: string[]; scopes: string[] },
): Promise<{ connectionIds: string[]; leftGrantIds: string[] }> {
  const others = await tx
    .select({
      id: jiraConnections.id,
      cloudId: jiraConnections.cloudId,
      grantId: jiraConnections.grantId,
      grantClientId: jiraGrants.clientId,
      grantAccountId: jiraGrants.atlassianAccountId,
    })
    .from(jiraConnections)
    .innerJoin(jiraGrants, eq(jiraGrants.id, jiraConnections.grantId))
    .where(and(eq(jiraConnections.organizationId, input.orgId), ne(jiraConnections.id, input.connectionId), ne(jiraGrants.id, input.grantId)))
    .for('update', { of: jiraConnections });
  const moving = connectionsToMove({
    newCloudIds: input.cloudIds,
    clientId: input.clientId,
    accountId: input.accountId,
    connections: others.flatMap((c) => (c.cloudId && c.grantId ? [{ ...c, cloudId: c.cloudId, grantId: c.grantId }] : [])),
  });
  if (moving.length === 0) return { connectionIds: [], leftGrantIds: [] };
  await tx
    .update(jiraConnections)
    .set({
      grantId: input.grantId,
      grantedScopes: input.scopes,
      status: sql`case when ${jiraConnections.status} = 'needs_reconnect' then 'connected'::jira_connection_status else ${jiraConnections.status} end`,
      statusReason: sql`case when ${jiraConnections.status} = 'needs_reconnect' then null else ${jiraConnections.statusReason} end`,
      updatedAt: new Date(),
    })
    .where(inArray(jiraConnections.id, moving));
  return { connectionIds: moving, leftGrantIds: [...new Set(others.filter((c) => moving.includes(c.id)).flatMap((c) => (c.grantId ? [c.grantId] : [])))] };
}
