import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiraGrants, jiraMetadataCache } from '@/db/schema';
import { LABS_CLOUD_ID, MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';
import { connectSite, jiraRequests, setConnection, total, trackProjectStatusConcurrency } from './metadata.testing';
import { getCachedMetadata, refreshMetadata, refreshMetadataInBackground, requestMetadataRefresh } from './metadata-cache';


const harness = setupJiraHarness();
const WITHOUT_CONFIG_SCOPE = ['read:jira-work', 'read:jira-user', 'offline_access'];

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Jira metadata cache', () => {
  beforeEach(async () => {
    await harness.control('scenario', { name: 'default' });
    await harness.resetSandbox();
  });

  it('refreshes through statuses/search when granted, then serves page loads from PostgreSQL with zero Jira requests', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.resetCounters();

    const metadata = await refreshMetadata(orgId, connectionId);
    const served = jiraRequests(await harness.counters());

    expect(metadata?.stats).toMatchObject({ statusPath: 'statuses_search', inaccessibleProjects: [] });
    expect(served).toEqual({ 'project/search': 1, 'statuses/search': 1, status: 1, 'priority/search': 1 });
    expect(metadata?.stats.jiraRequests).toBe(4);
    expect(metadata?.projects.map((p) => p.key).sort()).toEqual(['HELP', 'MKT', 'MOB', 'OPS', 'PLAT']);
    expect(new Set(metadata?.statuses.map((s) => s.category))).toEqual(new Set(['TODO', 'IN_PROGRESS', 'DONE']));
    expect(metadata?.priorities.map((p) => p.position)).toEqual(metadata?.priorities.map((_, i) => i));

    await harness.resetCounters();
    refreshMetadataInBackground(orgId, connectionId, 60_000);
    const cached = await getCachedMetadata(orgId, connectionId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cached).toEqual({ metadata, refreshing: false, stale: false });
    expect(await refreshMetadata(orgId, connectionId)).toEqual(metadata);
    expect(total(jiraRequests(await harness.counters()))).toBe(0);
  });

  it('reads project by project without manage:jira-configuration, only the filtered projects, within the bound', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await setConnection(harness, connectionId, { grantedScopes: WITHOUT_CONFIG_SCOPE, projectFilter: ['PLAT', 'MOB'] });
    await harness.resetCounters();
    const tracker = trackProjectStatusConcurrency();
    try {
      const metadata = await refreshMetadata(orgId, connectionId);
      expect(metadata?.stats).toMatchObject({ statusPath: 'project_statuses', jiraRequests: 4 });
      expect(jiraRequests(await harness.counters())).toEqual({ 'project/search': 1, 'project/{projectIdOrKey}/statuses': 2, 'priority/search': 1 });
      expect(tracker.seen.max).toBeLessThanOrEqual(4);
      const usedIn = new Set(metadata?.statuses.flatMap((s) => s.usages.map((u) => u.projectKey)));
      expect(usedIn).toEqual(new Set(['PLAT', 'MOB']));
      expect(metadata?.statuses.every((s) => s.usages.every((u) => u.issueTypes.length > 0 && u.projectName))).toBe(true);
    } finally {
      tracker.restore();
    }
  });

  it('falls back when Jira refuses statuses/search (no admin rights), and later page loads skip the refused call', async () => {
    const { orgId, connectionId } = await connectSite(harness, LABS_CLOUD_ID);
    await harness.resetCounters();

    const metadata = await refreshMetadata(orgId, connectionId);
    expect(metadata?.stats).toMatchObject({ statusPath: 'project_statuses', statusSearchRefused: true });
    // The refusal is a 401 that no new token would change (decision 012): no refresh, and not sent twice.
    const counters = await harness.counters();
    expect(jiraRequests(counters)).toMatchObject({ 'statuses/search': 1, 'project/{projectIdOrKey}/statuses': 2 });
    expect(counters.refreshes).toBe(0);
    expect(metadata?.statuses.length).toBeGreaterThan(0);

    await harness.resetCounters();
    refreshMetadataInBackground(orgId, connectionId, 0);
    await until(async () => (await getCachedMetadata(orgId, connectionId)).metadata?.fetchedAt !== metadata?.fetchedAt);
    expect(jiraRequests(await harness.counters())['statuses/search']).toBeUndefined();
  });

  it('lists filtered projects the user cannot see as inaccessible, on both paths', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.control('scenario', { name: 'restricted-projects' });
    await setConnection(harness, connectionId, { projectFilter: ['PLAT', 'HELP', 'MKT'] });

    const fast = await refreshMetadata(orgId, connectionId, { force: true });
    // With a filter, the filtered projects are read one by one on both paths; statuses/search only lists the site.
    expect(fast?.stats).toMatchObject({ statusPath: 'project_statuses', siteStatusesListed: true, inaccessibleProjects: ['HELP', 'MKT'] });
    expect(fast?.projects.map((p) => p.key)).not.toContain('HELP');

    await setConnection(harness, connectionId, { grantedScopes: WITHOUT_CONFIG_SCOPE });
    const slow = await refreshMetadata(orgId, connectionId, { force: true });
    expect(slow?.stats).toMatchObject({ statusPath: 'project_statuses', inaccessibleProjects: ['HELP', 'MKT'] });
    expect(slow?.warnings.join(' ')).toContain('(HELP, MKT)');
  });

  it('honours 429 Retry-After and still completes', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.control('knobs', { rateLimit: { limit: 2, windowSecs: 1 } });
    await harness.resetCounters();

    const metadata = await refreshMetadata(orgId, connectionId);
    const counters = await harness.counters();
    expect(counters.rateLimited).toBeGreaterThan(0);
    expect(metadata?.stats.statusPath).toBe('statuses_search');
    expect(metadata?.stats.jiraRequests).toBe(4 + counters.rateLimited);
    expect(metadata?.stats.durationMs).toBeGreaterThanOrEqual(900);
  });

  it('keeps the last good cache when a refresh fails, and records an admin-facing error without upstream text', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const good = await refreshMetadata(orgId, connectionId);
    await harness.control('faults', { route: 'project/search', status: 503, count: 5, body: { errorMessages: ['secret-upstream-detail'] } });

    const after = await refreshMetadata(orgId, connectionId, { force: true });
    const cached = await getCachedMetadata(orgId, connectionId);

    expect(after).toEqual(good);
    expect(cached.metadata).toEqual(good);
    expect(cached.refreshing).toBe(false);
    expect(cached.lastError).toMatchObject({ kind: 'upstream', message: expect.stringMatching(/^Jira is unavailable/) });
    expect(JSON.stringify(cached)).not.toContain('secret-upstream-detail');

    // Page loads back off after a failure instead of asking Jira again at once.
    await harness.resetCounters();
    refreshMetadataInBackground(orgId, connectionId, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(total(jiraRequests(await harness.counters()))).toBe(0);

    // A later success clears the error.
    await fetch(`${harness.sandboxUrl()}/__sandbox/faults`, { method: 'DELETE' });
    await refreshMetadata(orgId, connectionId, { force: true });
    expect((await getCachedMetadata(orgId, connectionId)).lastError).toBeUndefined();
  });

  it('records a revoked grant as needs_reconnect, keeping the cache', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const good = await refreshMetadata(orgId, connectionId);
    await harness.control('scenario', { name: 'revoked' });
    // Within 5 s of the consent the token store reuses the fresh token instead of refreshing again.
    await harness.db().update(jiraGrants).set({ lastRefreshedAt: new Date(Date.now() - 60_000) }).where(eq(jiraGrants.organizationId, orgId));

    expect(await refreshMetadata(orgId, connectionId, { force: true })).toEqual(good);
    const cached = await getCachedMetadata(orgId, connectionId);
    expect(cached.lastError).toMatchObject({ kind: 'needs_reconnect', message: expect.stringContaining('Reconnect Jira') });
    expect(cached.metadata).toEqual(good);
  });

  it('is single-flight: a burst of page loads and Refresh clicks makes one set of Jira requests', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.control('knobs', { latencyMs: 50 });
    await harness.resetCounters();

    for (let i = 0; i < 10; i += 1) refreshMetadataInBackground(orgId, connectionId, 60_000);
    const results = await Promise.all(Array.from({ length: 5 }, () => refreshMetadata(orgId, connectionId, { force: true })));

    expect(new Set(results.map((result) => result?.fetchedAt)).size).toBe(1);
    expect(jiraRequests(await harness.counters())).toEqual({ 'project/search': 1, 'statuses/search': 1, status: 1, 'priority/search': 1 });
    expect((await getCachedMetadata(orgId, connectionId)).refreshing).toBe(false);
  });

  it('takes over at once from a refresh whose process died mid-way, instead of waiting out its lease', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const old = await refreshMetadata(orgId, connectionId);
    // That read was long ago: neither fresh nor within Refresh's 30 s throttle.
    await harness.db().update(jiraMetadataCache).set({ lastAttemptAt: new Date(Date.now() - 10 * 60_000) }).where(eq(jiraMetadataCache.connectionId, connectionId));

    // Another instance is mid-refresh: its session holds the connection's refresh lock.
    const otherInstance = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const [holder] = await otherInstance<{ pid: number }[]>`
      select pg_backend_pid() as pid from (select pg_advisory_lock(${0x504f_0001}::int4, hashtext(${connectionId}))) as locked`;
    expect((await getCachedMetadata(orgId, connectionId)).refreshing).toBe(true);
    await harness.resetCounters();
    const clicked = requestMetadataRefresh(orgId, connectionId);

    // kill -9 of that instance: PostgreSQL ends its session (pg_terminate_backend waits until it is gone).
    await harness.db().execute(sql`select pg_terminate_backend(${holder!.pid}, 10000)`);
    await otherInstance.end().catch(() => undefined);

    // "Refresh from Jira" reads Jira itself and answers with new data, not the old data after a wait.
    expect(await clicked).toEqual({ outcome: 'refreshed' });
    const fresh = await getCachedMetadata(orgId, connectionId);
    expect(Date.parse(fresh.metadata!.fetchedAt)).toBeGreaterThan(Date.parse(old!.fetchedAt));
    expect(jiraRequests(await harness.counters())).toEqual({ 'project/search': 1, 'statuses/search': 1, status: 1, 'priority/search': 1 });
    expect(fresh).toMatchObject({ refreshing: false, stale: false });
  });

  it('marks cached data as stale when it is older than 5 minutes or the last refresh failed', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await refreshMetadata(orgId, connectionId);
    expect((await getCachedMetadata(orgId, connectionId)).stale).toBe(false);

    await harness.db().update(jiraMetadataCache).set({ fetchedAt: new Date(Date.now() - 6 * 60_000) }).where(eq(jiraMetadataCache.connectionId, connectionId));
    expect((await getCachedMetadata(orgId, connectionId)).stale).toBe(true);

    await refreshMetadata(orgId, connectionId, { force: true });
    expect((await getCachedMetadata(orgId, connectionId)).stale).toBe(false);

    await harness.control('faults', { route: 'project/search', status: 503, count: 5 });
    await refreshMetadata(orgId, connectionId, { force: true });
    expect(await getCachedMetadata(orgId, connectionId)).toMatchObject({ stale: true, lastError: { kind: 'upstream' } });
    await fetch(`${harness.sandboxUrl()}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('never reads or refreshes another organization’s connection', async () => {
    const { connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const other = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.resetCounters();
    expect(await refreshMetadata(other.orgId, connectionId, { force: true })).toBeUndefined();
    expect(await getCachedMetadata(other.orgId, connectionId)).toEqual({ refreshing: false, stale: false });
    expect(total(jiraRequests(await harness.counters()))).toBe(0);
    expect(await harness.db().select().from(jiraMetadataCache).where(eq(jiraMetadataCache.connectionId, connectionId))).toEqual([]);
  });
});
