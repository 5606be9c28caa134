import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getJiraConfig } from '@/db/queries/jira-config';
import { getJiraConnection } from '@/db/queries/jira-connections';
import { getJiraSnapshot } from '@/db/queries/jira-snapshot';
import { countTicketsByJiraValue } from '@/db/queries/jira-tickets';
import { listMembers } from '@/db/queries/members';
import { requireOrgMember } from '@/lib/auth/guards';
import { getCachedMetadata, refreshMetadataInBackground } from '@/lib/integrations/jira/metadata/metadata-cache';
import { ConfigurationEditor } from './configuration-editor';

export const metadata: Metadata = { title: 'Jira configuration' };

export default async function JiraConfigurationPage({ params }: PageProps<'/settings/integrations/jira/[connectionId]/configuration'>) {
  const member = await requireOrgMember();
  const { connectionId } = await params;
  const connection = await getJiraConnection(member.orgId, connectionId);
  if (!connection) notFound();
  // Opens instantly from the cache; stale data is refreshed in the background and the page polls.
  refreshMetadataInBackground(member.orgId, connection.id);
  const isAdmin = member.role === 'admin';
  const [config, cached, snapshot, ticketCounts, members] = await Promise.all([
    getJiraConfig(member.orgId, connection.id),
    getCachedMetadata(member.orgId, connection.id),
    getJiraSnapshot(member.orgId, connection.id),
    countTicketsByJiraValue(member.orgId, connection.id),
    // A member's banner names who can change the mappings.
    isAdmin ? [] : listMembers(member.orgId),
  ]);
  const admins = members.filter((row) => row.role === 'admin').map(({ name, email }) => ({ name, email }));
  if (!config) notFound();

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/settings/integrations/jira/${connection.id}`} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← {connection.siteName}
        </Link>
        <h1 className="mt-2 text-lg font-semibold">Projects and mappings</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Choose the Jira projects Portico syncs and map every Jira status and priority to Portico’s standard model.
        </p>
      </div>
      <ConfigurationEditor
        connectionId={connection.id}
        isAdmin={isAdmin}
        admins={admins}
        ticketCounts={ticketCounts}
        initialConfig={{
          config: config.config,
          version: config.version,
          updatedAt: config.updatedAt?.toISOString() ?? null,
          updatedBy: config.updatedBy,
        }}
        initialMetadata={JSON.parse(JSON.stringify({ ...cached, snapshot })) as typeof cached & { snapshot: typeof snapshot }}
      />
    </div>
  );
}
