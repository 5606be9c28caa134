import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { jiraConnections, jiraOauthStates } from '@/db/schema';
import { createOrgMembers, MAIN_CLOUD_ID, setupJiraHarness, stateHash } from '@/tests/jira-harness';

// A Portico bug at the step that lists the consented sites, after Atlassian answered the code exchange.
const bug = vi.hoisted(() => ({ armed: false }));
vi.mock('../client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../client')>();
  return {
    ...original,
    getAccessibleResources: (...args: Parameters<typeof original.getAccessibleResources>) => {
      if (bug.armed) throw new TypeError("Cannot read properties of undefined (reading 'scopes')");
      return original.getAccessibleResources(...args);
    },
  };
});

const { handleCallback } = await import('./handle-callback');
const harness = setupJiraHarness();

describe('handleCallback when Portico itself fails', () => {
  it('throws the bug to the route (internal_error) instead of reporting atlassian_unavailable, and records internal_error', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Buggy', ['admin']);
    const consent = await harness.startConsent(admin!);
    const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);

    bug.armed = true;
    await expect(handleCallback(admin, callback, consent.browserBinding)).rejects.toThrow(TypeError);
    bug.armed = false;

    const [state] = await harness
      .db()
      .select()
      .from(jiraOauthStates)
      .where(eq(jiraOauthStates.stateHash, stateHash(consent.state)));
    expect(state?.outcome).toBe('internal_error');
    expect(
      await harness.db().select().from(jiraConnections).where(eq(jiraConnections.organizationId, admin!.orgId)),
    ).toEqual([]);
  });
});
