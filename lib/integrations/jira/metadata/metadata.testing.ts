// Test support (not a test file): a connected Jira connection in the test database, made by walking
// the sandbox consent like a browser and completing Portico's real callback.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { jiraConnections } from '@/db/schema';
import { connectNewSite, type JiraHarness, type SandboxCounters } from '@/tests/jira-harness';

export async function connectSite(
  harness: JiraHarness,
  cloudId: string,
): Promise<{ orgId: string; connectionId: string }> {
  const { orgId, connectionId } = await connectNewSite(harness, `Meta${randomBytes(3).toString('hex')}`, cloudId);
  return { orgId, connectionId };
}

export async function setConnection(
  harness: JiraHarness,
  connectionId: string,
  values: { grantedScopes?: string[]; projectFilter?: string[] },
) {
  await harness.db().update(jiraConnections).set(values).where(eq(jiraConnections.id, connectionId));
}

/** Jira requests the sandbox served (token and consent routes left out). */
export function jiraRequests(counters: SandboxCounters): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counters.requests).filter(
      ([route]) => !['token', 'authorize', 'accessible-resources', 'me'].includes(route),
    ),
  );
}

export const total = (requests: Record<string, number>) => Object.values(requests).reduce((sum, n) => sum + n, 0);

/** Wraps global fetch to record the most Jira project-status requests in flight at once. */
export function trackProjectStatusConcurrency() {
  const original = globalThis.fetch;
  let inFlight = 0;
  const seen = { max: 0 };
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/\/project\/[^/]+\/statuses$/.test(new URL(url).pathname)) return original(input, init);
    inFlight += 1;
    seen.max = Math.max(seen.max, inFlight);
    try {
      return await original(input, init);
    } finally {
      inFlight -= 1;
    }
  };
  return { seen, restore: () => void (globalThis.fetch = original) };
}
