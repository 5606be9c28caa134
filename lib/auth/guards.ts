import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getMemberByUserId, type OrgMember } from '@/db/queries/members';
import { auth } from './auth';

export type { OrgMember };

/** The member plus the id of their current sign-in (OAuth states are bound to it). */
export type CurrentMember = OrgMember & { sessionId: string };

/**
 * The signed-in user with the organization and role read from the database (never from the
 * session cookie), memoised per request. Undefined when signed out or no longer a member.
 */
export const getCurrentMember = cache(async (): Promise<CurrentMember | undefined> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId || !session.sessionId) return undefined;
  const member = await getMemberByUserId(userId);
  return member && { ...member, sessionId: session.sessionId };
});

/** For pages and layouts: sends signed-out visitors to sign-in. */
export async function requireOrgMember(): Promise<CurrentMember> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  return member;
}

export function isAdmin(member: OrgMember): boolean {
  return member.role === 'admin';
}
