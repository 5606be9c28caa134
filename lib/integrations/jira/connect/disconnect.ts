import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { recordActivity } from '@/db/queries/connection-activity';
import { jiraConnections } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { EMPTY_JIRA_CONFIG } from '../config/config-schema';
import { deleteWebhooks } from '../webhooks/delete-webhooks';
import { retireGrantIfUnused } from './retire-grant';

/**
 * Disconnects one site: its webhooks are deleted at Jira, its grant is retired unless another site still
 * uses it (retire-grant.ts); the admin's project filter and mappings stay unless they ask to delete them.
 */
export async function disconnectConnection(member: CurrentMember, connectionId: string, deleteConfiguration: boolean): Promise<boolean> {
  // First, while the grant still works (retiring it deletes the tokens); best effort, never throws.
  await deleteWebhooks(member.orgId, connectionId);
  const done = await getDb().transaction(async (tx) => {
    const [connection] = await tx
      .select({ grantId: jiraConnections.grantId, siteName: jiraConnections.siteName })
      .from(jiraConnections)
      .where(and(eq(jiraConnections.organizationId, member.orgId), eq(jiraConnections.id, connectionId)))
      .for('update');
    if (!connection) return false;
    await tx
      .update(jiraConnections)
      .set({
        grantId: null,
        status: 'disconnected',
        statusReason: null,
        updatedAt: new Date(),
      })
      .where(eq(jiraConnections.id, connectionId));
    if (connection.grantId) {
      await retireGrantIfUnused(tx, member.orgId, connection.grantId, { reason: 'last_site_disconnected', connectionId, actorUserId: member.userId });
    }
    await recordActivity(tx, {
      organizationId: member.orgId,
      connectionId,
      actorUserId: member.userId,
      action: 'disconnect',
      detail: { site: connection.siteName, configurationDeleted: deleteConfiguration },
    });
    return true;
  });
  // Deleting the configuration is a saved change like any other: a new version in the history.
  if (done && deleteConfiguration) await clearConfiguration(member, connectionId);
  return done;
}

async function clearConfiguration(member: CurrentMember, connectionId: string): Promise<void> {
  await updateJiraConfig(member.orgId, connectionId, member.userId, () => EMPTY_JIRA_CONFIG);
}
