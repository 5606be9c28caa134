import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getJiraConnection, listJiraConnections } from '@/db/queries/jira-connections';
import { jiraPendingAuthorizations } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { isUuid } from '@/lib/validation/uuid';
import { oauthConfigForClient } from '../oauth/app-registry';
import { atlassianOAuthConfig } from '../oauth/config';
import { openPendingTokens } from '../token-store';
import { identifyAccount } from './handle-callback';
import type { ConnectOutcome } from './outcomes';
import { afterConnect } from './after-connect';
import { saveConnection } from './save-connection';
import { connectedCloudIds } from './site-choice';

const usable = (member: CurrentMember, pendingId: string) =>
  and(
    eq(jiraPendingAuthorizations.id, pendingId),
    eq(jiraPendingAuthorizations.organizationId, member.orgId),
    eq(jiraPendingAuthorizations.userId, member.userId),
    isNull(jiraPendingAuthorizations.consumedAt),
    gt(jiraPendingAuthorizations.expiresAt, sql`now()`),
  );

/** What the site picker shows: the sites, those already connected, and, for a reconnect, the connection being replaced. */
export async function getPendingAuthorization(member: CurrentMember, pendingId: string) {
  if (!isUuid(pendingId)) return undefined;
  const [row] = await getDb()
    .select({
      sites: jiraPendingAuthorizations.sites,
      accountName: jiraPendingAuthorizations.accountName,
      reconnectConnectionId: jiraPendingAuthorizations.reconnectConnectionId,
      expiresAt: jiraPendingAuthorizations.expiresAt,
    })
    .from(jiraPendingAuthorizations)
    .where(usable(member, pendingId));
  if (!row) return undefined;
  const [target, connections] = await Promise.all([
    row.reconnectConnectionId ? getJiraConnection(member.orgId, row.reconnectConnectionId) : undefined,
    listJiraConnections(member.orgId),
  ]);
  // A connection created through the API and not yet authorized has no site to reconnect: a first connect.
  const reconnecting = target?.status === 'pending_authorization' ? undefined : target;
  return { ...row, reconnecting, connected: [...connectedCloudIds(connections)] };
}

/** Consumes the pending consent (once) and connects the chosen site. */
export async function completePendingAuthorization(
  member: CurrentMember,
  pendingId: string,
  cloudId: string,
): Promise<{ outcome: ConnectOutcome; connectionId?: string }> {
  const [row] = await getDb()
    .update(jiraPendingAuthorizations)
    .set({ consumedAt: sql`now()` })
    .where(usable(member, pendingId))
    .returning({
      sites: jiraPendingAuthorizations.sites,
      ciphertext: jiraPendingAuthorizations.tokenSetCiphertext,
      clientId: jiraPendingAuthorizations.clientId,
      reconnectConnectionId: jiraPendingAuthorizations.reconnectConnectionId,
    });
  if (!row) return { outcome: 'pending_expired' };
  // Used once, whatever comes next: the sealed tokens are useless from now on.
  await getDb().update(jiraPendingAuthorizations).set({ tokenSetCiphertext: '' }).where(eq(jiraPendingAuthorizations.id, pendingId));
  const site = row.sites.find((candidate) => candidate.id === cloudId);
  if (!site) return { outcome: 'pending_expired' };
  const config = row.clientId ? await oauthConfigForClient(member.orgId, row.clientId) : atlassianOAuthConfig();
  if (!config) return { outcome: 'not_configured' };
  const tokens = openPendingTokens(pendingId, row.ciphertext);
  const account = await identifyAccount(config, tokens.accessToken, site.id);
  const saved = await saveConnection({
    member,
    clientId: config.clientId,
    tokens,
    site: { ...site, avatarUrl: site.avatarUrl ?? undefined },
    reachableCloudIds: row.sites.map((candidate) => candidate.id),
    account,
    pendingConnectionId: row.reconnectConnectionId ?? undefined,
  });
  if (saved.conflict) return { outcome: saved.conflict };
  await afterConnect({ orgId: member.orgId, connectionId: saved.connectionId, reconnected: saved.reconnected, actorUserId: member.userId });
  return { outcome: saved.reconnected ? 'reconnected' : 'connected', connectionId: saved.connectionId };
}

export async function discardPendingAuthorization(member: CurrentMember, pendingId: string): Promise<void> {
  await getDb()
    .update(jiraPendingAuthorizations)
    .set({ consumedAt: sql`now()`, tokenSetCiphertext: '' })
    .where(usable(member, pendingId));
}
