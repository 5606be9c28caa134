import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { JiraSnapshot } from '@/lib/integrations/jira/mapping/drift';
import { getDb } from '../client';
import { jiraConnections } from '../schema';

export async function getJiraSnapshot(orgId: string, connectionId: string): Promise<JiraSnapshot | undefined> {
  const [row] = await getDb()
    .select({ snapshot: jiraConnections.jiraSnapshot })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  return row?.snapshot;
}

export async function recordJiraSnapshot(orgId: string, connectionId: string, snapshot: JiraSnapshot): Promise<void> {
  await getDb()
    .update(jiraConnections)
    .set({ jiraSnapshot: snapshot })
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
}
