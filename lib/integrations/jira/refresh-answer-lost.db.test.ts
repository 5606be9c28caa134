import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jiraConnections, jiraGrants } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { runDiagnostics } from './diagnostics';
import { getAccessToken, GrantUnusableError } from './token-store';

// Issue 12, item 8: a refresh whose answer is lost (Atlassian rotated the token, the reply never
// arrived) forces Portico to present the old refresh token again. Past Atlassian's reuse leeway that
// revokes the whole family, and the diagnosis must say Portico did it, not the user or a database copy.
const harness = setupJiraHarness();

async function connectExpired(name: string) {
  const { orgId, connectionId } = await connectNewSite(harness, name);
  const [row] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, connectionId));
  const grantId = row!.grantId!;
  await harness.db().update(jiraGrants).set({ accessTokenExpiresAt: new Date() }).where(eq(jiraGrants.id, grantId));
  return { orgId, connectionId, grantId };
}

/** The next refresh reaches the sandbox (which rotates the token) but its answer is dropped. */
function loseNextRefreshAnswer() {
  const realFetch = globalThis.fetch;
  let lost = 0;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    const url = input instanceof Request ? input.url : input.toString();
    if (lost === 0 && url.endsWith('/oauth/token') && body.includes('"refresh_token"')) {
      lost += 1;
      await response.body?.cancel();
      throw new TypeError('fetch failed');
    }
    return response;
  });
  return () => lost;
}

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof GrantUnusableError ? error.reason : `threw ${String(error)}`),
  );

async function grantRow(grantId: string) {
  const [grant] = await harness.db().select().from(jiraGrants).where(eq(jiraGrants.id, grantId));
  return grant!;
}

describe('a refresh whose answer was lost', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is recorded, and when the retry kills the token family the diagnosis says Portico did it', async () => {
    const { orgId, connectionId, grantId } = await connectExpired('Lost answer');
    const lostCount = loseNextRefreshAnswer();

    await expect(reasonOf(getAccessToken(orgId, grantId))).resolves.toBe('atlassian_unavailable');
    expect(lostCount()).toBe(1);
    expect(await grantRow(grantId)).toMatchObject({ status: 'active', lastRefreshError: 'answer_lost' });
    vi.restoreAllMocks();

    // Past the sandbox's 600 s reuse leeway, the old token is reuse: Atlassian revokes the family.
    await harness.control('knobs', { advanceClockSecs: 601 });
    await expect(reasonOf(getAccessToken(orgId, grantId))).resolves.toBe('needs_reconnect');
    expect(await grantRow(grantId)).toMatchObject({
      status: 'needs_reconnect',
      lastRefreshError: 'refresh_token_reused',
    });
    const [connection] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    expect(connection?.statusReason).toBe('refresh_token_reused');

    const run = await runDiagnostics(orgId, connectionId, { trigger: 'manual' });
    const grant = run?.checks.find((check) => check.id === 'grant');
    expect(grant?.outcome).toBe('failure');
    expect(grant?.summary).toMatch(/Portico itself caused it/);
    expect(grant?.summary).not.toMatch(/another copy of Portico’s database/);
  });

  it('within the reuse leeway the retry is accepted and nothing is blamed', async () => {
    const { orgId, grantId } = await connectExpired('Lost answer, quick retry');
    loseNextRefreshAnswer();
    await expect(reasonOf(getAccessToken(orgId, grantId))).resolves.toBe('atlassian_unavailable');
    vi.restoreAllMocks();

    await expect(reasonOf(getAccessToken(orgId, grantId))).resolves.toBe('ok');
    expect(await grantRow(grantId)).toMatchObject({ status: 'active', lastRefreshError: null });
  });
});
