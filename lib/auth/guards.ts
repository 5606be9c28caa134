import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getMemberByUserId, type OrgMember } from '@/db/queries/members';
import { auth } from './auth';

export type { OrgMember };

/**
 * The signed-in user with the organization and role read from the database (never from the
 * session cookie), memoised per request. Undefined when signed out or no longer a member.
 */
export const getCurrentMember = cache(async (): Promise<OrgMember | undefined> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return undefined;
  return getMemberByUserId(userId);
});

/** For pages and layouts: sends signed-out visitors to sign-in. */
export async function requireOrgMember(): Promise<OrgMember> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  return member;
}

export function isAdmin(member: OrgMember): boolean {
  return member.role === 'admin';
}
