import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { listMembers } from '@/db/queries/members';
import { requireOrgMember } from '@/lib/auth/guards';
import { RemoveMemberButton } from './remove-member-button';
import { RoleSelect } from './role-select';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage() {
  const member = await requireOrgMember();
  const members = await listMembers(member.orgId);
  const isAdmin = member.role === 'admin';

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">Members</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Admins manage integrations and settings; members can view them.
        </p>
      </div>
      <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {members.map((row) => (
          // On a phone the controls wrap under the name (basis-48) rather than truncate it to "Max M…".
          <li key={row.userId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-3 px-5 py-4">
            <div className="min-w-0 flex-1 basis-48">
              <p className="truncate font-medium">
                {row.name} {row.userId === member.userId ? <span className="text-zinc-600 dark:text-zinc-400">(you)</span> : null}
              </p>
              <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{row.email}</p>
            </div>
            {isAdmin ? (
              <div className="flex items-start gap-2">
                <RoleSelect userId={row.userId} name={row.name} role={row.role} />
                {row.userId === member.userId ? null : <RemoveMemberButton userId={row.userId} name={row.name} />}
              </div>
            ) : (
              <Badge tone={row.role === 'admin' ? 'info' : 'neutral'}>{row.role === 'admin' ? 'Admin' : 'Member'}</Badge>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
