import { beforeAll, describe, expect, it } from 'vitest';
import { jiraAuditEvents, jiraConnections, jiraMetadataCache } from '@/db/schema';
import { saveJiraConfig } from '@/db/queries/jira-config';
import { setupTestDatabase } from '../../../../tests/database';
import { createOrganization, type TestOrganization } from '../../../../tests/fixtures/organizations';
import { AUDIT_PAGE_SIZE } from './audit-log-params';
import { loadAuditLog } from './load-audit-log';

const database = setupTestDatabase();
const EMPTY = { projectFilter: [], statusMapping: {}, priorityMapping: {}, projectOverrides: {} };

describe('loadAuditLog', () => {
  let acme: TestOrganization;
  let globex: TestOrganization;
  let connectionId: string;

  beforeAll(async () => {
    acme = await createOrganization(database.db(), 'Acme');
    globex = await createOrganization(database.db(), 'Globex');
    const [row] = await database
      .db()
      .insert(jiraConnections)
      .values({ organizationId: acme.orgId, cloudId: 'c1', siteName: 'acme', siteUrl: 'https://acme.atlassian.net' })
      .returning({ id: jiraConnections.id });
    connectionId = row!.id;
    await database.db().insert(jiraMetadataCache).values({
      organizationId: acme.orgId,
      connectionId,
      statuses: [{ id: '10002', name: 'In Review', category: 'IN_PROGRESS', usages: [] }],
      priorities: [{ id: '1', name: 'Highest', position: 0 }],
    });
    // 25 older events, one second apart, then two saves by the admin.
    const start = Date.now() - 3600_000;
    await database.db().insert(jiraAuditEvents).values(
      Array.from({ length: 25 }, (_, index) => ({
        organizationId: acme.orgId,
        connectionId,
        actorUserId: acme.admin.userId,
        action: index % 2 ? 'sync_paused' : 'sync_resumed',
        detail: { via: 'console' },
        createdAt: new Date(start + index * 1000),
      })),
    );
    await saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 0, { ...EMPTY, statusMapping: { '10002': 'IN_PROGRESS' } });
    await saveJiraConfig(acme.orgId, connectionId, acme.admin.userId, 1, {
      ...EMPTY,
      projectFilter: ['OPS'],
      statusMapping: { '10002': 'IN_REVIEW' },
      priorityMapping: { '1': 'CRITICAL' },
    });
  });

  it('reads a configuration save as a sentence with its diff in Jira names', async () => {
    const log = await loadAuditLog(acme.orgId, connectionId, { query: '', page: 1 });
    expect(log.total).toBe(27);
    expect(log.pageCount).toBe(2);
    expect(log.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const [latest] = log.entries;
    expect(latest?.sentence).toBe('Acme admin saved the configuration (version 2): 1 status mapping, 1 priority mapping, project filter (+1 −0).');
    expect(latest?.changes).toEqual([
      'Project OPS added to the filter',
      'Status “In Review”: In progress → In review',
      'Priority “Highest”: not mapped → Critical',
    ]);
  });

  it('pages on the server without repeating or skipping an event', async () => {
    const first = await loadAuditLog(acme.orgId, connectionId, { query: '', page: 1 });
    const second = await loadAuditLog(acme.orgId, connectionId, { query: '', page: 2 });
    expect(second.entries).toHaveLength(7);
    const ids = [...first.entries, ...second.entries].map((entry) => entry.id);
    expect(new Set(ids).size).toBe(27);
  });

  it('a page past the end shows the last page and says so', async () => {
    const log = await loadAuditLog(acme.orgId, connectionId, { query: '', page: 9 });
    expect(log.page).toBe(2);
    expect(log.problem).toBe('There is no page 9: the log has 2 pages.');
  });

  it('searches the sentences’ words, names and details', async () => {
    await expect(loadAuditLog(acme.orgId, connectionId, { query: 'configuration saved', page: 1 })).resolves.toMatchObject({ total: 2 });
    await expect(loadAuditLog(acme.orgId, connectionId, { query: 'paused', page: 1 })).resolves.toMatchObject({ total: 12 });
    await expect(loadAuditLog(acme.orgId, connectionId, { query: 'Acme admin', page: 1 })).resolves.toMatchObject({ total: 27 });
    // LIKE wildcards are searched for literally.
    await expect(loadAuditLog(acme.orgId, connectionId, { query: '%', page: 1 })).resolves.toMatchObject({ total: 0 });
  });

  it('never shows another organization’s events', async () => {
    await expect(loadAuditLog(globex.orgId, connectionId, { query: '', page: 1 })).resolves.toMatchObject({ total: 0, entries: [] });
  });
});
