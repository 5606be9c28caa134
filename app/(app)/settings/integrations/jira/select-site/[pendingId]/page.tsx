import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireOrgMember } from '@/lib/auth/guards';
import { getPendingAuthorization } from '@/lib/integrations/jira/connect/pending-authorization';
import { preselectedSite } from '@/lib/integrations/jira/connect/site-choice';
import { SitePickerForm } from './site-picker-form';
import { WarningNotice } from '@/components/ui/warning-notice';

export const metadata: Metadata = { title: 'Choose a Jira site' };

export default async function SelectSitePage({ params, searchParams }: PageProps<'/settings/integrations/jira/select-site/[pendingId]'>) {
  const member = await requireOrgMember();
  if (member.role !== 'admin') redirect('/settings/integrations?jira=admin_only');
  const [{ pendingId }, { confirm }] = await Promise.all([params, searchParams]);
  const pending = await getPendingAuthorization(member, pendingId);
  if (!pending) redirect('/settings/integrations?jira=pending_expired');
  const reconnecting = pending.reconnecting;
  // Set by the action when a connected site was chosen without the button saying "Reconnect".
  const confirmCloudId = typeof confirm === 'string' && pending.sites.some((site) => site.id === confirm) ? confirm : undefined;
  const targetStillThere = reconnecting && pending.sites.some((site) => site.id === reconnecting.cloudId);

  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-lg font-semibold">{reconnecting ? `Reconnect ${reconnecting.siteName}` : 'Choose a Jira site'}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {reconnecting
            ? 'Confirm before Portico saves anything.'
            : pending.sites.every((site) => pending.connected.includes(site.id))
              ? 'Your Atlassian authorization covers only sites that are already connected. Choose one to reconnect it, or cancel.'
              : 'Your Atlassian authorization covers several Jira sites. Choose the one to connect; you can connect the others later.'}
        </p>
      </div>
      {reconnecting && !targetStillThere ? (
        <WarningNotice>
          This authorization does not include {reconnecting.siteName}. Choosing another site connects that site instead; {reconnecting.siteName} stays as it is.
        </WarningNotice>
      ) : null}
      {reconnecting && targetStillThere && pending.accountName && pending.accountName !== reconnecting.authorizedByName ? (
        <WarningNotice>
          You authorized as {pending.accountName}, but this connection was authorized by {reconnecting.authorizedByName ?? 'another user'}. Portico will use {pending.accountName}’s access from now on.
        </WarningNotice>
      ) : null}
      {confirmCloudId ? (
        <WarningNotice>
          {pending.sites.find((site) => site.id === confirmCloudId)?.name ?? 'That site'} is already connected. Choosing it replaces its authorization: press
          Reconnect to confirm, or choose another site.
        </WarningNotice>
      ) : null}
      <SitePickerForm
        pendingId={pendingId}
        sites={pending.sites}
        connected={pending.connected}
        preselected={confirmCloudId ?? preselectedSite(pending.sites, new Set(pending.connected), reconnecting?.cloudId ?? undefined)}
        reconnectCloudId={reconnecting?.cloudId ?? undefined}
      />
    </div>
  );
}
