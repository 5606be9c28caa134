// Grants per consent (docs/decisions/012-grants-per-consent.md), under both of Atlassian's grant types:
// connecting a second site, then reconnecting the first, must leave both sites working, with no refresh
// spent on a site a token does not reach, and no grant kept alive that nothing uses.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiraAuditEvents, jiraConnections, jiraGrants } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { createOrgMembers, GRANT_TYPES, LABS_CLOUD_ID, MAIN_CLOUD_ID, setupJiraHarness, type GrantType } from '@/tests/jira-harness';
import { jiraClientForConnection } from '../connection-client';
import { decryptSecret } from '@/lib/crypto';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { refreshIdleGrants } from '../keep-alive';
import { getAccessToken, grantTokenAad } from '../token-store';
import { handleCallback } from './handle-callback';
import { completePendingAuthorization } from './pending-authorization';

const harness = setupJiraHarness();

/** One consent through the sandbox page and Portico's callback; a site picker (account-level) picks `cloudId`. */
async function consent(admin: CurrentMember, cloudId: string, reconnectConnectionId?: string): Promise<string> {
  const started = await harness.startConsent(admin, reconnectConnectionId);
  const result = await handleCallback(admin, await harness.approveConsent(started.authorizeUrl, cloudId), started.browserBinding);
  if (result.kind === 'choose_site') {
    const chosen = await completePendingAuthorization(admin, result.pendingId, cloudId);
    if (!chosen.connectionId) throw new Error(`choosing the site failed: ${chosen.outcome}`);
    return chosen.connectionId;
  }
  if (!result.connectionId) throw new Error(`the consent failed: ${result.outcome}`);
  return result.connectionId;
}

async function rowsOf(orgId: string) {
  const db = harness.db();
  const connections = await db
    .select({ id: jiraConnections.id, cloudId: jiraConnections.cloudId, grantId: jiraConnections.grantId, status: jiraConnections.status })
    .from(jiraConnections)
    .where(eq(jiraConnections.organizationId, orgId));
  const grants = await db
    .select({ id: jiraGrants.id, cloudIds: jiraGrants.cloudIds, status: jiraGrants.status, refresh: jiraGrants.refreshTokenCiphertext })
    .from(jiraGrants)
    .where(eq(jiraGrants.organizationId, orgId));
  const retired = await db
    .select({ detail: jiraAuditEvents.detail })
    .from(jiraAuditEvents)
    .where(and(eq(jiraAuditEvents.organizationId, orgId), eq(jiraAuditEvents.action, 'grant_retired')));
  return { connections, grants, retired };
}

async function connectAThenBThenReconnectA(grantType: GrantType) {
  await harness.setGrantType(grantType);
  const [admin] = await createOrgMembers(harness.db(), `Grants ${grantType}`, ['admin']);
  const a = await consent(admin!, MAIN_CLOUD_ID);
  const b = await consent(admin!, LABS_CLOUD_ID);
  const reconnected = await consent(admin!, MAIN_CLOUD_ID, a);
  expect(reconnected).toBe(a);
  return { admin: admin!, a, b };
}

describe.each(GRANT_TYPES)('%s-level grants', (grantType) => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('connect A, then B, then reconnect A: both sites answer, with 0 refreshes and no re-sent calls', async () => {
    const { admin, a, b } = await connectAThenBThenReconnectA(grantType);
    await harness.resetCounters();

    for (const connectionId of [a, b, a, b]) {
      const client = await jiraClientForConnection(admin.orgId, connectionId);
      expect((await client.getMyself()).displayName).toBe('Mia Krystof');
    }

    const counters = await harness.counters();
    expect(counters.refreshes).toBe(0);
    expect(counters.requests.myself).toBe(4);
    const { connections } = await rowsOf(admin.orgId);
    expect(connections.map((c) => c.status)).toEqual(['connected', 'connected']);
  });

  it('connect A, then B, then reconnect A: each connection points at a grant that covers its site, and unused grants are retired', async () => {
    const { admin, a, b } = await connectAThenBThenReconnectA(grantType);
    const { connections, grants, retired } = await rowsOf(admin.orgId);
    const grantOf = (connectionId: string) => grants.find((g) => g.id === connections.find((c) => c.id === connectionId)?.grantId);

    expect(grantOf(a)?.cloudIds).toContain(MAIN_CLOUD_ID);
    expect(grantOf(b)?.cloudIds).toContain(LABS_CLOUD_ID);
    expect(grants.every((g) => g.status === 'active' && g.refresh !== null)).toBe(true);
    if (grantType === 'account') {
      // One grant serves both sites; the two earlier ones were retired as their sites moved on.
      expect(grants).toHaveLength(1);
      expect(grants[0]!.cloudIds.sort()).toEqual([MAIN_CLOUD_ID, LABS_CLOUD_ID].sort());
      expect(retired).toHaveLength(2);
    } else {
      // Each site keeps its own consent's grant; only A's first grant, replaced by the reconnect, is retired.
      expect(grants).toHaveLength(2);
      expect(grantOf(a)?.cloudIds).toEqual([MAIN_CLOUD_ID]);
      expect(grantOf(b)?.cloudIds).toEqual([LABS_CLOUD_ID]);
      expect(retired).toHaveLength(1);
    }
    expect(retired.every((event) => event.detail.revokedAtAtlassian === false)).toBe(true);
  });

  it('a retired grant is never refreshed by the keep-alive: the live grants are, and nothing else', async () => {
    const { admin } = await connectAThenBThenReconnectA(grantType);
    const { grants } = await rowsOf(admin.orgId);
    const { refreshTokens } = await harness.tokens();
    // Three consents, three token families at Atlassian; Portico holds only the live grants' tokens.
    const families = new Set(refreshTokens.map((token) => token.grantId));
    expect(families.size).toBe(3);
    const held = new Set(
      grants.map((grant) => refreshTokens.find((token) => token.token === decryptSecret(appKeyring(), grant.refresh!, grantTokenAad(grant.id, 'refresh_token')))!.grantId),
    );
    expect(held.size).toBe(grants.length);

    // This organization's grants look idle, so the keep-alive takes every one Portico still knows.
    await harness
      .db()
      .update(jiraGrants)
      .set({ lastRefreshedAt: new Date(Date.now() - 8 * 86_400_000), keepAliveAttemptedAt: null })
      .where(eq(jiraGrants.organizationId, admin.orgId));
    await harness.resetCounters();
    const report = await refreshIdleGrants();

    expect(report).toMatchObject({ refreshed: grants.length, failed: 0 });
    const counters = await harness.counters();
    expect(counters.refreshes).toBe(grants.length);
    const after = await harness.tokens();
    const refreshedFamilies = new Set(after.refreshTokens.filter((token) => token.parent !== null).map((token) => token.grantId));
    expect([...refreshedFamilies].sort()).toEqual([...held].sort());
    expect([...families].filter((family) => !held.has(family)).some((family) => refreshedFamilies.has(family))).toBe(false);
  });
});

describe('a 401 from a site the grant does not cover', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('costs no refresh: Portico knows the grant’s sites, and the call fails once, as token_unusable', async () => {
    await harness.setGrantType('resource');
    const [admin] = await createOrgMembers(harness.db(), 'Uncovered', ['admin']);
    const a = await consent(admin!, MAIN_CLOUD_ID);
    // A connection wrongly left on another site's grant, as Portico's old one-grant-per-account model did.
    const b = await consent(admin!, LABS_CLOUD_ID);
    const [bRow] = await harness.db().select({ grantId: jiraConnections.grantId }).from(jiraConnections).where(eq(jiraConnections.id, b));
    await harness.db().update(jiraConnections).set({ grantId: bRow!.grantId }).where(eq(jiraConnections.id, a));
    await harness.resetCounters();

    const client = await jiraClientForConnection(admin!.orgId, a);
    await expect(client.getMyself()).rejects.toMatchObject({ kind: 'token_unusable', status: 401 });
    const counters = await harness.counters();
    expect(counters.refreshes).toBe(0);
    expect(counters.requests.myself).toBe(1);
  });

  it('on a grant recorded before coverage existed: asks accessible-resources once instead of refreshing, then records the coverage', async () => {
    await harness.setGrantType('resource');
    const [admin] = await createOrgMembers(harness.db(), 'Legacy', ['admin']);
    const a = await consent(admin!, MAIN_CLOUD_ID);
    const b = await consent(admin!, LABS_CLOUD_ID);
    const [bRow] = await harness.db().select({ grantId: jiraConnections.grantId }).from(jiraConnections).where(eq(jiraConnections.id, b));
    await harness.db().update(jiraConnections).set({ grantId: bRow!.grantId }).where(eq(jiraConnections.id, a));
    await harness.db().update(jiraGrants).set({ cloudIds: [] }).where(eq(jiraGrants.id, bRow!.grantId!));
    await harness.resetCounters();

    const client = await jiraClientForConnection(admin!.orgId, a);
    await expect(client.getMyself()).rejects.toMatchObject({ kind: 'token_unusable' });
    await expect(client.getMyself()).rejects.toMatchObject({ kind: 'token_unusable' });
    const counters = await harness.counters();
    expect(counters.refreshes).toBe(0);
    expect(counters.requests['accessible-resources']).toBe(1);
    const [grant] = await harness.db().select({ cloudIds: jiraGrants.cloudIds }).from(jiraGrants).where(eq(jiraGrants.id, bRow!.grantId!));
    expect(grant!.cloudIds).toEqual([LABS_CLOUD_ID]);
  });

  it('a revoked grant is still found out: the token is refused everywhere, so one refresh runs and marks it', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Revoked', ['admin']);
    const a = await consent(admin!, MAIN_CLOUD_ID);
    await harness.control('scenario', { name: 'revoked' });
    await harness.resetCounters();
    const client = await jiraClientForConnection(admin!.orgId, a);
    await expect(client.getMyself()).rejects.toMatchObject({ reason: 'needs_reconnect' });
    expect((await harness.counters()).refreshes).toBe(1);
    const [row] = await harness.db().select({ grantId: jiraConnections.grantId }).from(jiraConnections).where(eq(jiraConnections.id, a));
    await expect(getAccessToken(admin!.orgId, row!.grantId!)).rejects.toMatchObject({ reason: 'needs_reconnect' });
  });
});
