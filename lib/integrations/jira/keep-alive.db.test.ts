import { eq, ne, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jiraApiUsage, jiraConnections, jiraDiagnosticRuns, jiraGrants } from '@/db/schema';
import { captureLogs } from '@/lib/observability/capture-logs.testing';
import { connectNewSite, createOrgMembers, SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';
import { pruneDiagnosticsHistory, refreshIdleGrants } from './keep-alive';

const harness = setupJiraHarness();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function connection(name: string) {
  const [admin] = await createOrgMembers(harness.db(), name, ['admin']);
  const [row] = await harness
    .db()
    .insert(jiraConnections)
    .values({ organizationId: admin!.orgId, cloudId: `cloud-${name}`, siteName: name })
    .returning({ id: jiraConnections.id });
  return { orgId: admin!.orgId, connectionId: row!.id };
}

const runsAged = (target: { orgId: string; connectionId: string }, ages: number[]) =>
  harness
    .db()
    .insert(jiraDiagnosticRuns)
    .values(
      ages.map((ageMs) => ({
        organizationId: target.orgId,
        connectionId: target.connectionId,
        trigger: 'scheduled',
        outcome: 'pass',
        results: [],
        startedAt: new Date(Date.now() - ageMs),
        finishedAt: new Date(Date.now() - ageMs),
      })),
    );

const runCount = async (connectionId: string) =>
  (await harness.db().select().from(jiraDiagnosticRuns).where(eq(jiraDiagnosticRuns.connectionId, connectionId)))
    .length;

describe('pruneDiagnosticsHistory', () => {
  it('deletes usage rows older than 48 h and runs older than 30 days beyond each connection’s latest 20', async () => {
    const busy = await connection('Prune busy');
    const rare = await connection('Prune rare');
    // busy: 10 recent runs and 30 old ones → the 10 recent plus the 10 newest old ones stay.
    await runsAged(busy, [
      ...Array.from({ length: 10 }, (_, index) => (index + 1) * HOUR),
      ...Array.from({ length: 30 }, (_, index) => (31 + index) * DAY),
    ]);
    // rare: 5 runs, all older than 30 days → all stay (fewer than 20).
    await runsAged(
      rare,
      Array.from({ length: 5 }, (_, index) => (40 + index) * DAY),
    );
    await harness
      .db()
      .insert(jiraApiUsage)
      .values(
        [1, 47, 49, 100].map((hours) => ({
          organizationId: busy.orgId,
          connectionId: busy.connectionId,
          hour: new Date(Math.floor((Date.now() - hours * HOUR) / HOUR) * HOUR),
          calls: hours,
        })),
      );

    await pruneDiagnosticsHistory();

    expect(await runCount(busy.connectionId)).toBe(20);
    expect(await runCount(rare.connectionId)).toBe(5);
    const usage = await harness
      .db()
      .select({ calls: jiraApiUsage.calls })
      .from(jiraApiUsage)
      .where(eq(jiraApiUsage.connectionId, busy.connectionId));
    expect(usage.map((row) => row.calls).sort((a, b) => a - b)).toEqual([1, 47]);
  });
});

describe('refreshIdleGrants', () => {
  it('a grant whose tokens no key opens is counted failed and flagged token_unreadable; the batch goes on', async () => {
    const unreadable = await connectNewSite(harness, 'Keep-alive unreadable');
    const healthy = await connectNewSite(harness, 'Keep-alive healthy');
    const grantOf = async (orgId: string) =>
      (await harness.db().select().from(jiraGrants).where(eq(jiraGrants.organizationId, orgId)))[0]!;
    const broken = await grantOf(unreadable.orgId);
    // Both idle for two weeks; the first one's tokens sealed under a key that was removed.
    const twoWeeksAgo = new Date(Date.now() - 14 * DAY);
    await harness.db().update(jiraGrants).set({ lastRefreshedAt: twoWeeksAgo });
    await harness
      .db()
      .update(jiraGrants)
      .set({
        accessTokenCiphertext: broken.accessTokenCiphertext!.replace(/^v1\.[^.]+\./, 'v1.removed.'),
        refreshTokenCiphertext: broken.refreshTokenCiphertext!.replace(/^v1\.[^.]+\./, 'v1.removed.'),
      })
      .where(eq(jiraGrants.id, broken.id));

    await expect(refreshIdleGrants()).resolves.toMatchObject({ refreshed: 1, failed: 1 });
    expect((await grantOf(healthy.orgId)).lastRefreshedAt!.getTime()).toBeGreaterThan(twoWeeksAgo.getTime());
    const [flagged] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, unreadable.connectionId));
    expect(flagged).toMatchObject({ status: 'needs_reconnect', statusReason: 'token_unreadable' });
  });

  /** Grants whose sealed tokens no key opens (a retired key, a damaged row): DecryptionError, not GrantUnusableError. */
  async function undecryptableGrants(count: number) {
    const [admin] = await createOrgMembers(harness.db(), `Unreadable ${count}`, ['admin']);
    const rows = await harness
      .db()
      .insert(jiraGrants)
      .values(
        Array.from({ length: count }, (_, index) => ({
          organizationId: admin!.orgId,
          clientId: SANDBOX_APP.clientId,
          atlassianAccountId: `unreadable-${index}`,
          atlassianAccountName: 'Unreadable',
          scopes: [],
          accessTokenCiphertext: 'v1.kid-gone.not-a-ciphertext',
          refreshTokenCiphertext: 'v1.kid-gone.not-a-ciphertext',
          accessTokenExpiresAt: new Date(Date.now() - 60_000),
        })),
      )
      .returning({ id: jiraGrants.id });
    return rows.map((row) => row.id);
  }

  /** A real grant (sandbox consent) idle for 8 days, every other grant of the database fresh. */
  async function idleGoodGrant(name: string) {
    const { orgId } = await connectNewSite(harness, name);
    const [grant] = await harness.db().select({ id: jiraGrants.id }).from(jiraGrants).where(eq(jiraGrants.organizationId, orgId));
    await harness.db().update(jiraGrants).set({ lastRefreshedAt: sql`now()` }).where(ne(jiraGrants.id, grant!.id));
    await harness.db().update(jiraGrants).set({ lastRefreshedAt: sql`now() - interval '8 days'` }).where(eq(jiraGrants.id, grant!.id));
    return grant!.id;
  }

  const lastRefreshed = async (grantId: string) =>
    (await harness.db().select({ at: jiraGrants.lastRefreshedAt }).from(jiraGrants).where(eq(jiraGrants.id, grantId)))[0]!.at!;

  it('records a grant whose token cannot be decrypted as that grant’s failure, and refreshes the rest of the batch', async () => {
    const logs = captureLogs();
    try {
      const good = await idleGoodGrant('Keep-alive good');
      // Never refreshed: first in line, before the good grant.
      const [bad] = await undecryptableGrants(1);

      const report = await refreshIdleGrants();

      expect(report).toEqual({ refreshed: 1, failed: 1, failures: [{ grantId: bad, reason: 'token_unreadable' }] });
      expect(Date.now() - (await lastRefreshed(good)).getTime()).toBeLessThan(60 * 60_000);
      expect(logs.raw.join('\n')).not.toMatch(/not-a-ciphertext/);
    } finally {
      logs.restore();
    }
  });

  it('sends failed grants to the back: a full batch of unreadable grants does not starve a good one', async () => {
    const logs = captureLogs();
    try {
      const good = await idleGoodGrant('Keep-alive starved');
      const bad = await undecryptableGrants(50);

      const first = await refreshIdleGrants();
      const second = await refreshIdleGrants();

      expect(first).toMatchObject({ refreshed: 0, failed: 50 });
      expect(new Set(first.failures.map((failure) => failure.grantId))).toEqual(new Set(bad));
      // The failed ones wait a day; the good one is refreshed on the next tick.
      expect(second).toEqual({ refreshed: 1, failed: 0, failures: [] });
      expect(Date.now() - (await lastRefreshed(good)).getTime()).toBeLessThan(60 * 60_000);
      expect(logs.raw.join('\n')).not.toMatch(/not-a-ciphertext/);
    } finally {
      logs.restore();
    }
  });
});
