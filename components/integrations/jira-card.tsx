import Link from 'next/link';
import { JiraLogo } from '@/components/brand/jira-logo';
import { Badge } from '@/components/ui/badge';
import { ConnectionStateBadges } from './health-badge';
import { Button } from '@/components/ui/button';
import type { CatalogueEntry } from '@/lib/integrations/catalogue';
import { CONNECTION_STATUS } from '@/lib/integrations/jira/connection-status';
import type { ConnectionView } from '@/lib/integrations/jira/connection-state';
import { LocalTime } from '@/components/ui/local-time';

export interface JiraConnectionCardItem {
  id: string;
  /** Null until an API-created connection is authorized. */
  siteName: string | null;
  siteUrl: string | null;
  status: keyof typeof CONNECTION_STATUS;
  authorizedByName: string | null;
  connectedAt: Date | null;
  grantedScopes: string[];
  /** Jira values without a standard value, and values renamed or recategorized since the last save. */
  drift: { unmapped: number; changed: number };
  /** Status and health, as the one state model derives them. */
  view: ConnectionView;
}

interface JiraCardProps {
  entry: CatalogueEntry;
  isAdmin: boolean;
  configured: boolean;
  /** The organization's own OAuth app's client id; undefined when it uses Portico's app. */
  ownAppClientId?: string;
  connections: JiraConnectionCardItem[];
}

export function JiraCard({ entry, isAdmin, configured, ownAppClientId, connections }: JiraCardProps) {
  const connected = connections.some((connection) => connection.status === 'connected');
  return (
    <article
      aria-labelledby="jira-card-title"
      className="flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-start gap-4">
        <div className="flex size-11 shrink-0 items-center justify-center rounded-lg bg-zinc-50 ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800">
          <JiraLogo className="size-7" />
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id="jira-card-title" className="font-semibold">
              {entry.name}
            </h3>
            {connections.length === 0 ? <Badge>Not connected</Badge> : null}
          </div>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{entry.description}</p>
        </div>
      </div>

      {connections.length > 0 ? (
        <ul aria-label="Jira sites" className="mt-4 divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
          {connections.map((connection) => (
            <li key={connection.id} className="flex items-center justify-between gap-3 px-3 py-2.5">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/settings/integrations/jira/${connection.id}`} className="truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {connection.siteName ?? 'New connection'}
                  </Link>
                  <ConnectionStateBadges view={connection.view} />
                  {connection.drift.unmapped + connection.drift.changed > 0 ? (
                    <Link href={`/settings/integrations/jira/${connection.id}/configuration`} className="text-xs font-medium text-amber-800 hover:underline dark:text-amber-300">
                      {[
                        connection.drift.unmapped ? `${connection.drift.unmapped} unmapped ${connection.drift.unmapped === 1 ? 'value' : 'values'}` : '',
                        connection.drift.changed ? `${connection.drift.changed} changed in Jira` : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Link>
                  ) : null}
                </div>
                <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
                  {connection.siteUrl?.replace(/^https?:\/\//, '') ?? 'Created by API, waiting for an admin to authorize it'}
                  {connection.authorizedByName ? ` · authorized by ${connection.authorizedByName}` : ''}
                  {connection.connectedAt ? <> · <LocalTime date={connection.connectedAt} /></> : ''}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}

      <div className="mt-5 flex flex-wrap items-center justify-end gap-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        <p className="mr-auto text-xs text-zinc-600 dark:text-zinc-400">
          {ownAppClientId ? (
            <>
              OAuth app: your own (client ID <span className="font-mono">{ownAppClientId.slice(0, 8)}…</span>) ·{' '}
            </>
          ) : configured ? (
            'OAuth app: Portico’s app · '
          ) : null}
          <Link href="/settings/integrations/jira/oauth-app" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            {ownAppClientId ? (isAdmin ? 'Manage' : 'View') : isAdmin ? 'Use your own' : 'About the OAuth app'}
          </Link>
        </p>
        {!isAdmin ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {connected ? 'Only admins can change Jira connections.' : 'An admin of your organization can connect Jira.'}
          </p>
        ) : configured ? (
          <form action="/api/integrations/jira/authorize" method="post">
            <Button type="submit" variant={connections.length > 0 ? 'secondary' : 'primary'}>
              {connections.length > 0 ? 'Connect another site' : 'Connect'}
            </Button>
          </form>
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Portico has no OAuth app configured: add your own app, or ask the operator to set ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET.</p>
            <Button type="button" disabled>
              Connect
            </Button>
          </>
        )}
      </div>
    </article>
  );
}
