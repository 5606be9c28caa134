import { beforeEach, describe, expect, it } from 'vitest';
import { BIG_CLOUD_ID, BIG_SITE_SIZE } from '@/sandbox/world/big-site';
import { setupJiraHarness } from '@/tests/jira-harness';
import { connectSite, jiraRequests, setConnection, trackProjectStatusConcurrency } from './metadata.testing';
import { refreshMetadata } from './metadata-cache';

// acme-enterprise-sandbox: 1,050 projects, 300 statuses, 25 priorities; the user is a Jira admin.
const harness = setupJiraHarness({ scenario: 'big-site' });

describe('Jira metadata on a big site', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('takes a small constant number of requests through statuses/search with manage:jira-configuration and admin rights', async () => {
    const { orgId, connectionId } = await connectSite(harness, BIG_CLOUD_ID);
    await harness.resetCounters();

    const metadata = await refreshMetadata(orgId, connectionId);

    const pages = Math.ceil(BIG_SITE_SIZE.projects / 100);
    expect(jiraRequests(await harness.counters())).toEqual({ 'project/search': pages, 'statuses/search': 2, status: 1, 'priority/search': 1 });
    expect(metadata?.stats).toMatchObject({ statusPath: 'statuses_search', jiraRequests: pages + 4, inaccessibleProjects: [] });
    expect(metadata?.projects).toHaveLength(BIG_SITE_SIZE.projects);
    expect(new Set(metadata?.statuses.map((s) => s.id)).size).toBe(metadata?.statuses.length);
    // In use: every status of a workflow (all projects are visible to this admin); the rest exist unused.
    expect((metadata?.statuses.length ?? 0) + (metadata?.otherStatuses?.length ?? 0)).toBeGreaterThanOrEqual(BIG_SITE_SIZE.statuses);
    expect(metadata?.priorities).toHaveLength(BIG_SITE_SIZE.priorities);
  });

  it('without the scope, reads every project with at most 4 requests in flight', async () => {
    const { orgId, connectionId } = await connectSite(harness, BIG_CLOUD_ID);
    await setConnection(harness, connectionId, { grantedScopes: ['read:jira-work', 'read:jira-user', 'offline_access'] });
    await harness.resetCounters();
    const tracker = trackProjectStatusConcurrency();
    try {
      const metadata = await refreshMetadata(orgId, connectionId);
      expect(jiraRequests(await harness.counters())['project/{projectIdOrKey}/statuses']).toBe(BIG_SITE_SIZE.projects);
      expect(metadata?.stats.statusPath).toBe('project_statuses');
      expect(tracker.seen.max).toBe(4);
      expect(new Set(metadata?.statuses.map((s) => s.id)).size).toBe(metadata?.statuses.length);
    } finally {
      tracker.restore();
    }
  });
});
