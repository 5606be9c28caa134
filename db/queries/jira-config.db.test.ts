import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jiraAuditEvents, jiraConnections } from '../schema';
import { setupTestDatabase } from '../../tests/database';
import { createOrganization } from '../../tests/fixtures/organizations';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { getJiraConfig, getJiraConfigVersion, listJiraConfigVersions, saveJiraConfig, updateJiraConfig } from './jira-config';

const database = setupTestDatabase();

const configA: JiraConfig = {
  projectFilter: ['OPS', 'SD'],
  statusMapping: { '1': 'OPEN', '10001': 'CLOSED' },
  priorityMapping: { '1': 'CRITICAL' },
  projectOverrides: { SD: { '10001': 'RESOLVED' } },
};
const configB: JiraConfig = { ...configA, statusMapping: { '1': 'TODO', '10001': 'CLOSED' } };

describe('Jira configuration queries', () => {
  let acme: Awaited<ReturnType<typeof createOrganization>>;
  let globex: Awaited<ReturnType<typeof createOrganization>>;
  const connect = async (orgId: string, cloudId: string) => {
    const [row] = await database
      .db()
      .insert(jiraConnections)
      .values({ organizationId: orgId, cloudId, siteName: cloudId, siteUrl: `https://${cloudId}.atlassian.net` })
      .returning({ id: jiraConnections.id });
    return row!.id;
  };

  beforeAll(async () => {
    acme = await createOrganization(database.db(), 'Acme');
    globex = await createOrganization(database.db(), 'Globex');
  });

  it('reads an untouched connection as version 0 with empty configuration', async () => {
    const connectionId = await connect(acme.orgId, 'fresh');
    await expect(getJiraConfig(acme.orgId, connectionId)).resolves.toEqual({
      config: { projectFilter: [], statusMapping: {}, priorityMapping: {}, projectOverrides: {} },
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('never reads or writes another organization’s connection', async () => {
    const connectionId = await connect(globex.orgId, 'globex-site');
    await expect(getJiraConfig(acme.orgId, connectionId)).resolves.toBeUndefined();
    await expect(saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA)).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
    await saveJiraConfig(globex.orgId, connectionId, globex.admin.userId, 0, configA);
    await expect(listJiraConfigVersions(acme.orgId, connectionId)).resolves.toEqual([]);
    await expect(getJiraConfigVersion(acme.orgId, connectionId, 1)).resolves.toBeUndefined();
    await expect(getJiraConfig(globex.orgId, connectionId)).resolves.toMatchObject({ version: 1, config: configA });
  });

  it('records the pre-history configuration as version 0, then each save with author, summary and audit event', async () => {
    const connectionId = await connect(acme.orgId, 'legacy');
    // A connection configured before versioning existed.
    await database
      .db()
      .update(jiraConnections)
      .set({ projectFilter: ['OPS'] })
      .where(eq(jiraConnections.id, connectionId));

    await expect(saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA)).resolves.toMatchObject({
      ok: true,
      version: 1,
      changed: true,
    });
    await expect(saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 1, configB)).resolves.toMatchObject({
      ok: true,
      version: 2,
      summary: '1 status mapping',
    });

    await expect(getJiraConfig(acme.orgId, connectionId)).resolves.toMatchObject({
      version: 2,
      config: configB,
      updatedBy: 'Acme admin',
      updatedAt: expect.any(Date),
    });
    const versions = await listJiraConfigVersions(acme.orgId, connectionId);
    expect(versions).toEqual([
      { version: 2, authorName: 'Acme admin', createdAt: expect.any(Date), summary: '1 status mapping' },
      {
        version: 1,
        authorName: 'Acme admin',
        createdAt: expect.any(Date),
        summary: '2 status mappings, 1 priority mapping, project filter (+1 −0), overrides for SD',
      },
      {
        version: 0,
        authorName: null,
        createdAt: expect.any(Date),
        summary: 'Configuration before the first recorded change',
      },
    ]);
    await expect(getJiraConfigVersion(acme.orgId, connectionId, 0)).resolves.toMatchObject({
      config: { projectFilter: ['OPS'], statusMapping: {}, priorityMapping: {}, projectOverrides: {} },
    });
    const audit = await database
      .db()
      .select({ action: jiraAuditEvents.action, detail: jiraAuditEvents.detail })
      .from(jiraAuditEvents)
      .where(and(eq(jiraAuditEvents.connectionId, connectionId)));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'config_saved', detail: { version: 1, summary: expect.any(String) } },
        { action: 'config_saved', detail: { version: 2, summary: '1 status mapping' } },
      ]),
    );
  });

  it('refuses a stale save and returns the current state instead', async () => {
    const connectionId = await connect(acme.orgId, 'stale');
    await saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA);
    const stale = await saveJiraConfig(acme.orgId, connectionId, acme.member!.userId, 0, configB);
    expect(stale).toEqual({
      ok: false,
      reason: 'stale_version',
      current: { config: configA, version: 1, updatedAt: expect.any(Date), updatedBy: 'Acme admin' },
    });
    await expect(getJiraConfig(acme.orgId, connectionId)).resolves.toMatchObject({ version: 1, config: configA });
  });

  it('lets exactly one of two simultaneous saves from the same version win', async () => {
    const connectionId = await connect(acme.orgId, 'race');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, {
          ...configA,
          priorityMapping: { '1': i % 2 ? 'LOW' : 'HIGH', [String(10 + i)]: 'LOW' },
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === 'stale_version')).toHaveLength(4);
    expect((await listJiraConfigVersions(acme.orgId, connectionId)).map((v) => v.version)).toEqual([1, 0]);
  });

  it('records nothing when the configuration did not change', async () => {
    const connectionId = await connect(acme.orgId, 'noop');
    await saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA);
    await expect(saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 1, configA)).resolves.toMatchObject({
      ok: true,
      version: 1,
      changed: false,
    });
    expect(await listJiraConfigVersions(acme.orgId, connectionId)).toHaveLength(2);
  });

  it('updateJiraConfig re-applies a change over a save that landed between its read and its write', async () => {
    const connectionId = await connect(acme.orgId, 'updated-twice');
    let calls = 0;
    const saved = await updateJiraConfig(acme.orgId, connectionId, null, async (current) => {
      calls += 1;
      // Forced interleaving: an admin's save lands after the first attempt read the config and
      // before it writes, so the version that attempt read is stale when it writes.
      if (calls === 1) expect(await saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA)).toMatchObject({ ok: true });
      return { ...current, projectFilter: ['PLAT'] };
    });
    expect(saved).toMatchObject({ ok: true, changed: true });
    expect(calls).toBe(2);
    const current = await getJiraConfig(acme.orgId, connectionId);
    expect(current?.config).toEqual({ ...configA, projectFilter: ['PLAT'] });
    await expect(updateJiraConfig(globex.orgId, connectionId, null, (c) => c)).resolves.toEqual({ ok: false, reason: 'not_found' });
  });

  it('meets a twin save with the same idempotency key under the row lock: its answer, never stale_version', async () => {
    const connectionId = await connect(acme.orgId, 'idempotent-twin');
    const idempotency = {
      key: 'twin-key',
      scope: `jira_config_save:${connectionId}`,
      fingerprint: 'same-request',
      response: (saved: { version: number }) => ({ answered: saved.version }),
    };
    const first = await saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA, { idempotency });
    expect(first).toMatchObject({ ok: true, version: 1 });
    // The twin read version 0 before the first committed, and reaches the lock only now.
    await expect(
      saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, configA, { idempotency }),
    ).resolves.toEqual({
      ok: false,
      reason: 'already_saved',
      stored: { scope: idempotency.scope, fingerprint: 'same-request', statusCode: 200, response: { answered: 1 } },
    });
    expect(await listJiraConfigVersions(acme.orgId, connectionId)).toHaveLength(2);
  });
});
