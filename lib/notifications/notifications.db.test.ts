import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordActivity } from '@/db/queries/connection-activity';
import { replacePreferences } from '@/db/queries/notifications';
import { emailOutbox, jiraConnections, memberships, notifications } from '@/db/schema';
import type { AuditEntry } from '@/lib/events/events-from-audit';
import { getAccessToken } from '@/lib/integrations/jira/token-store';
import { connectNewSite, createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { consumeNotificationEvents } from './consume-events';

const harness = setupJiraHarness();

const record = (entry: AuditEntry) => harness.db().transaction((tx) => recordActivity(tx, entry));

async function notificationsOf(orgId: string) {
  return harness
    .db()
    .select({ userId: notifications.userId, title: notifications.title, state: notifications.state, breaks: notifications.breaks, remedy: notifications.remedy, link: notifications.link, showInApp: notifications.showInApp })
    .from(notifications)
    .where(eq(notifications.organizationId, orgId));
}

async function outboxOf(orgId: string) {
  return harness.db().select({ toAddress: emailOutbox.toAddress, subject: emailOutbox.subject, text: emailOutbox.text, status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.organizationId, orgId)).orderBy(emailOutbox.createdAt);
}

describe('notifications from connection events', () => {
  it('a revoked grant: the admin who connected gets one notification and one email naming the fix; reconnect resolves it', async () => {
    const { orgId, connectionId, admin } = await connectNewSite(harness, 'Notify revoked');
    const [member] = await createOrgMembers(harness.db(), 'Notify revoked other', ['member']);
    await harness.db().insert(memberships).values({ organizationId: orgId, userId: member!.userId, role: 'member' });
    await consumeNotificationEvents();
    expect(await notificationsOf(orgId)).toEqual([]);

    const [row] = await harness.db().select({ grantId: jiraConnections.grantId }).from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    await harness.control('scenario', { name: 'revoked' });
    await expect(getAccessToken(orgId, row!.grantId!, { forceRefresh: true })).rejects.toThrow();
    await consumeNotificationEvents();

    const [notice, ...others] = await notificationsOf(orgId);
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ userId: admin.userId, state: 'open', breaks: 1, link: `/settings/integrations/jira/${connectionId}` });
    expect(notice!.remedy).toContain('Reconnect');
    const mail = await outboxOf(orgId);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: admin.email, status: 'local', subject: notice!.title });
    expect(mail[0]!.text).toContain('Atlassian refused the stored authorization');
    expect(mail[0]!.text).toContain('What to do: Open the connection and choose Reconnect');
    expect(mail[0]!.text).toContain(`/settings/integrations/jira/${connectionId}`);
    expect(mail[0]!.text).not.toMatch(/access_token|refresh_token|secret/i);

    await record({ organizationId: orgId, connectionId, actorUserId: admin.userId, action: 'reconnect', detail: { site: 'x', scopes: [] } });
    await consumeNotificationEvents();
    expect(await notificationsOf(orgId)).toMatchObject([{ state: 'resolved', breaks: 1 }]);
    const [, resolved, ...more] = await outboxOf(orgId);
    expect(more).toEqual([]);
    expect(resolved).toMatchObject({ toAddress: admin.email, status: 'local', subject: `Resolved: ${notice!.title}` });
    expect(resolved!.text).toContain('The connection was reconnected');
    expect(resolved!.text).toContain(`/settings/integrations/jira/${connectionId}`);
  });

  it('recovery: one short resolved email to whoever got the break email, none after a silent flap, none without a break email', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Notify resolved', ['admin']);
    const orgId = admin!.orgId;
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: orgId, cloudId: randomUUID(), siteName: 'Mended', connectedByUserId: admin!.userId });
    const failed = () => record({ organizationId: orgId, connectionId, action: 'sync_failed', detail: { kind: 'upstream', remedy: 'Wait.' } });
    const recovered = () => record({ organizationId: orgId, connectionId, action: 'sync_recovered', detail: { previousKind: 'upstream' } });
    const subjects = async () => (await outboxOf(orgId)).map((mail) => mail.subject);

    await failed();
    await consumeNotificationEvents();
    await recovered();
    await consumeNotificationEvents();
    expect(await subjects()).toEqual(['Ticket sync failed for Mended', 'Resolved: Ticket sync failed for Mended']);
    expect((await outboxOf(orgId))[1]!.text).toMatch(/^Ticket sync works again\. Nothing more to do\./);

    // A flap within a day reopens the thread silently; its recovery stays silent too.
    await failed();
    await recovered();
    await consumeNotificationEvents();
    expect(await notificationsOf(orgId)).toMatchObject([{ state: 'resolved', breaks: 2 }]);
    expect(await subjects()).toHaveLength(2);

    // Drift is in-app only by default: no break email, so its resolution (a mapping save) mails nobody.
    await record({ organizationId: orgId, connectionId, action: 'drift_detected', detail: { statuses: [{ id: '10', name: 'In QA' }], priorities: [] } });
    await consumeNotificationEvents();
    await record({ organizationId: orgId, connectionId, action: 'config_saved', detail: { version: 2, summary: 'Mapped In QA' } });
    await consumeNotificationEvents();
    expect((await notificationsOf(orgId)).map((row) => row.state)).toEqual(['resolved', 'resolved']);
    expect(await subjects()).toHaveLength(2);
  });

  it('recovery respects the email preference of the thread’s topic at the time it resolves', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Notify resolved prefs', ['admin']);
    const orgId = admin!.orgId;
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: orgId, cloudId: randomUUID(), siteName: 'Quiet', connectedByUserId: admin!.userId });
    await record({ organizationId: orgId, connectionId, action: 'refresh_failed', detail: { reason: 'grant_refused' } });
    await consumeNotificationEvents();
    expect(await outboxOf(orgId)).toHaveLength(1);
    await replacePreferences(orgId, admin!.userId, [{ eventType: 'connection.needs_reconnect', inApp: true, email: false }]);
    await record({ organizationId: orgId, connectionId, actorUserId: admin!.userId, action: 'reconnect', detail: { site: 'Quiet', scopes: [] } });
    await consumeNotificationEvents();
    expect(await notificationsOf(orgId)).toMatchObject([{ state: 'resolved' }]);
    expect(await outboxOf(orgId)).toHaveLength(1);
  });

  it('a recovery that rolls back sends no resolved email', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Notify resolved rollback', ['admin']);
    const orgId = admin!.orgId;
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: orgId, cloudId: randomUUID(), siteName: 'Undone', connectedByUserId: admin!.userId });
    await record({ organizationId: orgId, connectionId, action: 'sync_failed', detail: { kind: 'upstream', remedy: 'Wait.' } });
    await consumeNotificationEvents();
    await expect(
      harness.db().transaction(async (tx) => {
        await recordActivity(tx, { organizationId: orgId, connectionId, action: 'sync_recovered', detail: {} });
        throw new Error('the sync commit failed');
      }),
    ).rejects.toThrow('the sync commit failed');
    await consumeNotificationEvents();
    expect(await notificationsOf(orgId)).toMatchObject([{ state: 'open' }]);
    expect(await outboxOf(orgId)).toHaveLength(1);
  });

  it('the owner no longer an admin: every admin is told; another organization never is', async () => {
    const [owner, second] = await createOrgMembers(harness.db(), 'Notify owners', ['admin', 'admin']);
    const [outsider] = await createOrgMembers(harness.db(), 'Notify outsider', ['admin']);
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: owner!.orgId, cloudId: randomUUID(), siteName: 'Owners site', connectedByUserId: owner!.userId });
    await harness.db().update(memberships).set({ role: 'member' }).where(and(eq(memberships.organizationId, owner!.orgId), eq(memberships.userId, owner!.userId)));
    await record({ organizationId: owner!.orgId, connectionId, action: 'refresh_failed', detail: { reason: 'grant_refused' } });
    await consumeNotificationEvents();
    expect((await notificationsOf(owner!.orgId)).map((row) => row.userId)).toEqual([second!.userId]);
    expect(await notificationsOf(outsider!.orgId)).toEqual([]);
    expect(await outboxOf(outsider!.orgId)).toEqual([]);
  });

  it('a flapping connection gives one message with a count, not one per flap', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Notify flap', ['admin']);
    const orgId = admin!.orgId;
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: orgId, cloudId: randomUUID(), siteName: 'Flappy', connectedByUserId: admin!.userId });
    const broke = () => record({ organizationId: orgId, connectionId, action: 'health_changed', detail: { outcome: 'failure', previousOutcome: 'pass', checks: [] } });
    const recovered = () => record({ organizationId: orgId, connectionId, action: 'health_changed', detail: { outcome: 'pass', previousOutcome: 'failure', checks: [] } });
    await broke();
    await consumeNotificationEvents();
    await recovered();
    await broke();
    await broke();
    await recovered();
    await consumeNotificationEvents();
    await broke();
    await consumeNotificationEvents();
    expect(await notificationsOf(orgId)).toMatchObject([{ state: 'open', breaks: 3, title: 'Flappy: connection health is failing' }]);
    // The break email and the first recovery's answer; the flaps after it are counted on the thread, not mailed.
    expect((await outboxOf(orgId)).map((mail) => mail.subject)).toEqual(['Flappy: connection health is failing', 'Resolved: Flappy: connection health is failing']);
  });

  it('preferences: email off keeps the in-app notice; both off tells nobody; the recovery still resolves', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Notify prefs', ['admin']);
    const orgId = admin!.orgId;
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: orgId, cloudId: randomUUID(), siteName: 'Prefs', connectedByUserId: admin!.userId });
    await replacePreferences(orgId, admin!.userId, [
      { eventType: 'connection.needs_reconnect', inApp: true, email: false },
      { eventType: 'sync.failed', inApp: false, email: false },
    ]);
    await record({ organizationId: orgId, connectionId, action: 'refresh_failed', detail: { reason: 'grant_refused' } });
    await record({ organizationId: orgId, connectionId, action: 'sync_failed', detail: { kind: 'upstream', remedy: 'Wait.' } });
    await record({ organizationId: orgId, connectionId, action: 'drift_detected', detail: { statuses: ['10001'], priorities: [] } });
    await consumeNotificationEvents();
    const rows = await notificationsOf(orgId);
    expect(rows.map((row) => row.title).sort()).toEqual(['Prefs has unmapped Jira values', 'Prefs needs to be reconnected']);
    // Drift is in-app only by default; needs_reconnect's email was turned off.
    expect(await outboxOf(orgId)).toEqual([]);
  });

  it('exactly once under two consumers racing over the same events', async () => {
    const admins = await Promise.all(Array.from({ length: 12 }, (_, index) => createOrgMembers(harness.db(), `Notify race ${index}`, ['admin'])));
    for (const [admin] of admins) {
      const connectionId = randomUUID();
      await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: admin!.orgId, cloudId: randomUUID(), siteName: 'Race', connectedByUserId: admin!.userId });
      await record({ organizationId: admin!.orgId, connectionId, action: 'refresh_failed', detail: { reason: 'grant_refused' } });
      await record({ organizationId: admin!.orgId, connectionId: null, action: 'webhook_endpoint_disabled', detail: { endpointId: randomUUID(), reason: 'failing', url: 'https://hooks.example.com/x?token=t0ps3cret' } });
    }
    const handled = await Promise.all([consumeNotificationEvents(), consumeNotificationEvents(), consumeNotificationEvents()]);
    expect(handled.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(24);
    expect(await consumeNotificationEvents()).toBe(0);
    for (const [admin] of admins) {
      expect(await notificationsOf(admin!.orgId)).toHaveLength(2);
      const mail = await outboxOf(admin!.orgId);
      expect(mail).toHaveLength(2);
      expect(JSON.stringify(mail)).not.toContain('t0ps3cret');
    }
  });

  it('someone else disconnecting tells the owner, not the admin who did it', async () => {
    const [owner, other] = await createOrgMembers(harness.db(), 'Notify disconnect', ['admin', 'admin']);
    const connectionId = randomUUID();
    await harness.db().insert(jiraConnections).values({ id: connectionId, organizationId: owner!.orgId, cloudId: randomUUID(), siteName: 'Gone', connectedByUserId: owner!.userId });
    await record({ organizationId: owner!.orgId, connectionId, actorUserId: other!.userId, action: 'disconnect', detail: { site: 'Gone' } });
    await record({ organizationId: owner!.orgId, connectionId, actorUserId: owner!.userId, action: 'disconnect', detail: { site: 'Gone' } });
    await consumeNotificationEvents();
    expect(await notificationsOf(owner!.orgId)).toMatchObject([{ userId: owner!.userId, state: 'info', title: 'Gone was disconnected' }]);
  });
});
