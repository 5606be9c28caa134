import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { requireOrgMember } from '@/lib/auth/guards';
import { getPendingAuthorization } from '@/lib/integrations/jira/connect/pending-authorization';
import { cancelJiraSiteChoice, chooseJiraSite } from './actions';
import { JiraAvatar } from '@/components/integrations/jira-avatar';
import { WarningNotice } from '@/components/ui/warning-notice';

export const metadata: Metadata = { title: 'Choose a Jira site' };

export default async function SelectSitePage({ params }: PageProps<'/settings/integrations/jira/select-site/[pendingId]'>) {
  const member = await requireOrgMember();
  if (member.role !== 'admin') redirect('/settings/integrations?jira=admin_only');
  const { pendingId } = await params;
  const pending = await getPendingAuthorization(member, pendingId);
  if (!pending) redirect('/settings/integrations?jira=pending_expired');
  const reconnecting = pending.reconnecting;
  const targetStillThere = reconnecting && pending.sites.some((site) => site.id === reconnecting.cloudId);

  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-lg font-semibold">{reconnecting ? `Reconnect ${reconnecting.siteName}` : 'Choose a Jira site'}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {reconnecting
            ? 'Confirm before Portico saves anything.'
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
      <form action={chooseJiraSite} className="space-y-4">
        <input type="hidden" name="pendingId" value={pendingId} />
        <fieldset className="space-y-2">
          <legend className="sr-only">Jira site</legend>
          {pending.sites.map((site, index) => (
            <label
              key={site.id}
              className="flex cursor-pointer items-center gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm has-checked:border-indigo-500 has-checked:ring-1 has-checked:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <input type="radio" name="cloudId" value={site.id} defaultChecked={reconnecting ? site.id === reconnecting.cloudId : index === 0} required />
              <JiraAvatar src={site.avatarUrl} name={site.name} size="md" />
              <span className="min-w-0">
                <span className="block font-medium">{site.name}</span>
                <span className="block truncate text-sm text-zinc-600 dark:text-zinc-400">{site.url}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex gap-3">
          <Button type="submit">{reconnecting ? 'Confirm and save' : 'Connect this site'}</Button>
          <Button type="submit" variant="secondary" formAction={cancelJiraSiteChoice} formNoValidate>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
