import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConnectionStateBadges } from '@/components/integrations/health-badge';
import { OutcomeBanner } from '@/components/integrations/outcome-banner';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { getGrantHealth, getJiraConnection, listOtherSitesOnGrant } from '@/db/queries/jira-connections';
import { requireOrgMember } from '@/lib/auth/guards';
import { getConnectionView } from '@/lib/integrations/jira/connection-views';
import { callbackUrl } from '@/lib/integrations/jira/oauth/config';
import { describeGrantApp } from '@/lib/integrations/jira/oauth/grant-app';
import { describeStatusReason } from '@/lib/integrations/jira/connection-status';
import { currentRefreshFailure } from '@/lib/integrations/jira/refresh-failure';
import { serializeSync } from '@/lib/api/v1/serialize-sync';
import { getSyncOverview } from '@/lib/integrations/jira/sync/sync-overview';
import { AuditLog } from './audit-log';
import { CheckConnectionButton } from './check-connection-button';
import { DisconnectDialog } from './disconnect-dialog';
import { SyncSection } from './sync-section';
import { WarningNotice } from '@/components/ui/warning-notice';
import { LocalTime } from '@/components/ui/local-time';
import { DETAIL_LIST } from '@/components/ui/detail-list';

export const metadata: Metadata = { title: 'Jira connection' };

const GRANT_APP = {
  organization: 'Your organization’s own app.',
  platform: 'Portico’s app.',
  previous: 'An app your organization no longer uses. Reconnect to authorize with the current app.',
} as const;

const formatDate = (date: Date | null | undefined) => (date ? <LocalTime date={date} /> : '—');

export default async function JiraConnectionPage({ params, searchParams }: PageProps<'/settings/integrations/jira/[connectionId]'>) {
  const member = await requireOrgMember();
  const [{ connectionId }, { jira: outcome, requestId }] = await Promise.all([params, searchParams]);
  const connection = await getJiraConnection(member.orgId, connectionId);
  if (!connection) notFound();
  const [grant, grantApp, sharedWith, view, sync] = await Promise.all([
    connection.grantId ? getGrantHealth(member.orgId, connection.grantId) : undefined,
    connection.grantId ? describeGrantApp(member.orgId, connection.grantId) : undefined,
    connection.grantId ? listOtherSitesOnGrant(member.orgId, connection.grantId, connection.id) : [],
    getConnectionView(member.orgId, connection),
    getSyncOverview(member.orgId, connection.id),
  ]);
  const reason = describeStatusReason(connection.statusReason);
  const isAdmin = member.role === 'admin';
  const refreshFailure = currentRefreshFailure(grant);

  return (
    <div className="space-y-8">
      <div>
        <Link href="/settings/integrations" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Integrations
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-lg font-semibold">Jira · {connection.siteName ?? 'new connection'}</h1>
          <ConnectionStateBadges view={view} />
        </div>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{connection.siteUrl}</p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <Link href={`/settings/integrations/jira/${connection.id}/troubleshooting`} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Troubleshooting
          </Link>
        </div>
      </div>

      <OutcomeBanner
        outcome={outcome}
        requestId={requestId}
        next={outcome === 'connected' && isAdmin ? { href: `/settings/integrations/jira/${connection.id}/configuration`, label: 'Map statuses →' } : undefined}
      />
      {reason ? (
        <WarningNotice>
          {reason}
        </WarningNotice>
      ) : null}

      <section aria-labelledby="details-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="details-title" className="font-semibold">
          Connection
        </h2>
        <dl className={`mt-4 ${DETAIL_LIST}`}>
          <dt className="text-zinc-600 dark:text-zinc-400">Authorized by</dt>
          <dd>{connection.authorizedByName ?? '—'}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Connected</dt>
          <dd>{formatDate(connection.connectedAt)}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Site id (cloudId)</dt>
          <dd className="font-mono text-xs">{connection.cloudId}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Granted scopes</dt>
          <dd className="flex flex-wrap gap-1.5">
            {connection.grantedScopes.length ? connection.grantedScopes.map((scope) => <Badge key={scope}>{scope}</Badge>) : '—'}
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Last token refresh</dt>
          <dd>{formatDate(grant?.lastRefreshedAt)}</dd>
          {refreshFailure ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Last refresh failure</dt>
              <dd>
                {formatDate(refreshFailure.at)}: {refreshFailure.reason}
              </dd>
            </>
          ) : null}
          {sharedWith.length > 0 ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Shares authorization with</dt>
              <dd>{sharedWith.map((site) => site.siteName).join(', ')}</dd>
            </>
          ) : null}
          {grantApp ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">OAuth app</dt>
              <dd>
                {GRANT_APP[grantApp]}{' '}
                <Link href="/settings/integrations/jira/oauth-app" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  OAuth app settings
                </Link>
              </dd>
            </>
          ) : null}
          {isAdmin ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Callback URL</dt>
              <dd className="font-mono text-xs break-all">{callbackUrl()}</dd>
            </>
          ) : null}
        </dl>
        <div className="mt-6 flex flex-wrap items-start gap-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
          <Link href={`/settings/integrations/jira/${connection.id}/configuration`} className={buttonClasses('primary')}>
            {isAdmin ? 'Configure projects and mappings' : 'View projects and mappings'}
          </Link>
          {connection.status !== 'disconnected' ? <CheckConnectionButton connectionId={connection.id} /> : null}
          {isAdmin ? (
            <form action="/api/integrations/jira/authorize" method="post">
              <input type="hidden" name="connectionId" value={connection.id} />
              <Button type="submit" variant={connection.status === 'connected' ? 'secondary' : 'primary'}>
                Reconnect
              </Button>
            </form>
          ) : null}
        </div>
      </section>

      {sync ? <SyncSection connectionId={connection.id} isAdmin={isAdmin} refreshIntervalSecs={sync.refreshIntervalSecs} initial={serializeSync(sync)} /> : null}

      <AuditLog orgId={member.orgId} connectionId={connection.id} searchParams={searchParams} />

      {isAdmin && connection.status !== 'disconnected' ? (
        <section aria-labelledby="danger-title" className="rounded-xl border border-red-200 bg-white p-5 shadow-sm dark:border-red-900/60 dark:bg-zinc-900">
          <h2 id="danger-title" className="font-semibold text-red-800 dark:text-red-300">
            Danger zone
          </h2>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-4 text-sm">
            <p className="max-w-prose text-zinc-600 dark:text-zinc-400">
              Disconnecting deletes Portico’s tokens for this site and stops its sync. You choose whether its project filter and
              mappings are kept for a later reconnect.
            </p>
            <DisconnectDialog connectionId={connection.id} siteName={connection.siteName ?? 'this connection'} sharedWith={sharedWith.flatMap((site) => site.siteName ?? [])} />
          </div>
        </section>
      ) : null}
    </div>
  );
}
