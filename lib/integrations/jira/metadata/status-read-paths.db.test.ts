// The statuses Portico considers in use, read through both paths against the sandbox, and what a
// saved mapping then shows when the connection loses manage:jira-configuration.
import { beforeEach, describe, expect, it } from 'vitest';
import { MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';
import { describeAbsentStatus } from '../mapping/absent-values';
import { snapshotOf } from '../mapping/drift';
import { connectSite, setConnection } from './metadata.testing';
import { refreshMetadata } from './metadata-cache';

// restricted-projects: HELP and MKT are hidden from the authorizing user. 10006 "Waiting for
// support" is a global status only HELP's workflow uses.
const harness = setupJiraHarness({ scenario: 'restricted-projects' });
const FEWER_SCOPES = ['read:jira-work', 'read:jira-user', 'offline_access'];
const ONLY_HELP_USES = '10006';

describe('statuses in use on both read paths', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('reads the same statuses in use through statuses/search and project by project', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const fast = (await refreshMetadata(orgId, connectionId, { force: true }))!;
    await setConnection(harness, connectionId, { grantedScopes: FEWER_SCOPES });
    const slow = (await refreshMetadata(orgId, connectionId, { force: true }))!;

    expect(fast.stats).toMatchObject({ statusPath: 'statuses_search', siteStatusesListed: true });
    expect(slow.stats).toMatchObject({ statusPath: 'project_statuses', siteStatusesListed: false });
    expect(fast.statuses.map((s) => s.id).sort()).toEqual(slow.statuses.map((s) => s.id).sort());
    expect(fast.statuses.map((s) => s.id)).not.toContain(ONLY_HELP_USES);
    expect(fast.otherStatuses?.map((s) => s.id)).toContain(ONLY_HELP_USES);
  });

  it('after losing manage:jira-configuration, a mapped status only a hidden project uses keeps its name and is not called removed', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.control('scenario', { name: 'default' });
    const before = (await refreshMetadata(orgId, connectionId, { force: true }))!;
    // Saved while HELP was visible: the snapshot holds its name.
    const snapshot = snapshotOf(before).statuses;
    const name = snapshot[ONLY_HELP_USES]?.name;
    expect(name).toBeTruthy();

    await harness.control('scenario', { name: 'restricted-projects' });
    await setConnection(harness, connectionId, { grantedScopes: FEWER_SCOPES });
    const after = (await refreshMetadata(orgId, connectionId, { force: true }))!;
    expect(after.statuses.map((s) => s.id)).not.toContain(ONLY_HELP_USES);

    const row = describeAbsentStatus(ONLY_HELP_USES, { otherStatuses: after.otherStatuses, siteStatusesListed: after.stats.siteStatusesListed, snapshot });
    expect(row).toMatchObject({ absence: 'not_visible', name });

    // With the scope back, Jira's site-wide list shows it still exists: not removed either.
    await setConnection(harness, connectionId, { grantedScopes: [...FEWER_SCOPES, 'manage:jira-configuration'] });
    const full = (await refreshMetadata(orgId, connectionId, { force: true }))!;
    expect(describeAbsentStatus(ONLY_HELP_USES, { otherStatuses: full.otherStatuses, siteStatusesListed: full.stats.siteStatusesListed, snapshot })).toMatchObject({
      absence: 'not_in_use',
      name,
    });
    expect(describeAbsentStatus('99999', { otherStatuses: full.otherStatuses, siteStatusesListed: full.stats.siteStatusesListed, snapshot }).absence).toBe('removed_from_jira');
  });
});
