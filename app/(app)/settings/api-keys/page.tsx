import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { listApiKeys } from '@/db/queries/api-keys';
import { isAdmin, requireOrgMember } from '@/lib/auth/guards';
import { CreateKeyForm } from './create-key-form';
import { RevokeKeyButton } from './revoke-key-button';
import { WarningNotice } from '@/components/ui/warning-notice';
import { LocalTime } from '@/components/ui/local-time';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const member = await requireOrgMember();
  const intro = (
    <div>
      <h1 className="text-lg font-semibold">API keys</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Keys let your systems use Portico’s REST API for {member.orgName}: send one as <code>Authorization: Bearer &lt;key&gt;</code>. See the{' '}
        <Link href="/settings/api-keys/docs" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          API reference
        </Link>
        .
      </p>
    </div>
  );
  if (!isAdmin(member)) {
    return (
      <div className="space-y-6">
        {intro}
        <WarningNotice>
          Only organization admins can see and manage API keys, because a key acts for the whole organization. Ask an admin if you need one.
        </WarningNotice>
      </div>
    );
  }
  const keys = await listApiKeys(member.orgId);
  return (
    <div className="space-y-6">
      {intro}
      <CreateKeyForm />
      <section aria-labelledby="keys-title" className="space-y-3">
        <h2 id="keys-title" className="font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No keys yet.</p>
        ) : (
          <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Name</th>
                  <th scope="col" className="px-4 py-2 font-medium">Key</th>
                  <th scope="col" className="px-4 py-2 font-medium">Created</th>
                  <th scope="col" className="px-4 py-2 font-medium">Last used</th>
                  <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Status or action</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {keys.map((key) => (
                  <tr key={key.id}>
                    <th scope="row" className="px-4 py-3 font-medium">{key.name}</th>
                    <td className="px-4 py-3 font-mono text-xs">{key.prefix}…</td>
                    <td className="px-4 py-3">
                      <LocalTime date={key.createdAt} />
                      {key.createdByName ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">by {key.createdByName}</span> : null}
                    </td>
                    <td className="px-4 py-3">{key.lastUsedAt ? <LocalTime date={key.lastUsedAt} /> : 'Never'}</td>
                    <td className="px-4 py-3 text-right">
                      {key.revokedAt ? <Badge tone="neutral">Revoked <LocalTime date={key.revokedAt} /></Badge> : <RevokeKeyButton keyId={key.id} name={key.name} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
