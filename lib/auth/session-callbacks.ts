import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Account, Profile, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { getUserCredentials } from '@/db/queries/members';
import { getSessionVersion, revokeUserSessions } from '@/db/queries/sessions';

/*
 * Sessions are JWT cookies (12 hours), so nothing on the server remembered them and a cookie saved before
 * sign-out kept working. Each cookie now carries the user's session version from sign-in, and every request
 * compares it with the database: sign-out and removal from the organization raise the version, which ends
 * every session of that user at once (sign-out signs out everywhere). One primary-key read per request;
 * getCurrentMember() already reads the membership on each one.
 */

export async function jwtCallback({ token, user, account, profile }: { token: JWT; user?: User; account?: Account | null; profile?: Profile }): Promise<JWT | null> {
  if (user) {
    const userId = account?.provider === 'oidc' && typeof profile?.email === 'string' ? (await getUserCredentials(profile.email))?.id : user.id;
    if (!userId) return null;
    const version = await getSessionVersion(userId);
    if (version === undefined) return null;
    return { ...token, sub: userId, sid: randomUUID(), sv: version };
  }
  if (!token.sub || token.sv === undefined) return null;
  // Returning null makes Auth.js treat the cookie as signed out (and clear it where it can).
  return (await getSessionVersion(token.sub)) === token.sv ? token : null;
}

export function sessionCallback({ session, token }: { session: Session; token: JWT }): Session {
  if (token.sub && session.user) session.user.id = token.sub;
  return { ...session, sessionId: token.sid };
}

/** Auth.js's signOut event: it hands over the decoded cookie being signed out. */
export async function endSessionsOnSignOut(message: { token?: JWT | null } | { session?: unknown }): Promise<void> {
  const token = 'token' in message ? message.token : undefined;
  if (token?.sub) await revokeUserSessions(token.sub);
}
