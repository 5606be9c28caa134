import type { Metadata } from 'next';
import { JiraCard } from '@/components/integrations/jira-card';
import { OutcomeBanner } from '@/components/integrations/outcome-banner';
import { listJiraConnections } from '@/db/queries/jira-connections';
import { getOAuthAppSummary } from '@/db/queries/jira-oauth-apps';
import { summarizeMappingDrift } from '@/lib/integrations/jira/mapping-drift';
import { requireOrgMember } from '@/lib/auth/guards';
import { CATALOGUE } from '@/lib/integrations/catalogue';
import { atlassianOAuthConfig } from '@/lib/integrations/jira/oauth/config';
import { withConnectionViews } from '@/lib/integrations/jira/connection-views';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage({ searchParams }: PageProps<'/settings/integrations'>) {
  const member = await requireOrgMember();
  const [{ jira: outcome, requestId }, connections] = await Promise.all([searchParams, listJiraConnections(member.orgId)]);
  const connectionIds = connections.map((connection) => connection.id);
  const [drift, views] = await Promise.all([summarizeMappingDrift(member.orgId, connectionIds), withConnectionViews(member.orgId, connections)]);
  // The summary row says whether the organization has its own app; no secret is decrypted for a boolean.
  const ownApp = await getOAuthAppSummary(member.orgId);
  const jiraConfigured = Boolean(ownApp) || Boolean(atlassianOAuthConfig());

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-lg font-semibold">Integrations</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Connect the tools your organization works in. {member.role === 'admin' ? '' : 'Only admins can change integrations.'}
        </p>
      </div>
      <OutcomeBanner outcome={outcome} requestId={requestId} />
      {CATALOGUE.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} className="space-y-4">
          <div>
            <h2 id={`section-${section.id}`} className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              {section.title}
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{section.description}</p>
          </div>
          <ul className="grid gap-4 lg:grid-cols-2">
            {section.entries.map((entry) => (
              <li key={entry.id} className="min-w-0">
                <JiraCard entry={entry} isAdmin={member.role === 'admin'} configured={jiraConfigured} ownAppClientId={ownApp?.clientId} connections={views.map((connection) => ({ ...connection, drift: drift[connection.id] ?? { unmapped: 0, changed: 0 } }))} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
