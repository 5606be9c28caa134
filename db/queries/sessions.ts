import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { users } from '../schema';

/** Not org-scoped by design: a session belongs to a user, before any organization is known. */
export async function getSessionVersion(userId: string): Promise<number | undefined> {
  const [row] = await getDb().select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.version;
}

/** Ends every session of the user: cookies stamped with an older version are refused from the next request. */
export async function revokeUserSessions(userId: string): Promise<void> {
  await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
