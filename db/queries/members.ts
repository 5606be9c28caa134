import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import type { Transaction } from '../connect';
import { memberships, organizations, users, type Role } from '../schema';

export interface OrgMember {
  userId: string;
  email: string;
  name: string;
  orgId: string;
  orgName: string;
  role: Role;
}

/** Not org-scoped by design: sign-in is where the organization is discovered. */
export async function getUserCredentials(email: string) {
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return row;
}

/** The user's organization and role, read fresh on every request so a demotion applies at once. */
export async function getMemberByUserId(userId: string): Promise<OrgMember | undefined> {
  const [row] = await getDb()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      orgId: organizations.id,
      orgName: organizations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row;
}

export async function listMembers(orgId: string) {
  return getDb()
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, orgId))
    .orderBy(asc(users.name));
}

export type ChangeRoleResult = 'changed' | 'not_found' | 'last_admin';

/**
 * Locks the organization's memberships, so two concurrent changes (demotions, removals) cannot both pass
 * the last-admin check, and returns the member concerned and how many admins there are.
 */
async function lockMemberships(tx: Transaction, orgId: string, userId: string) {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, orgId))
    .for('update');
  return { target: rows.find((row) => row.userId === userId), admins: rows.filter((row) => row.role === 'admin').length };
}

/** Changes a member's role within `orgId` only; refuses to remove the organization's last admin. */
export async function updateMemberRole(orgId: string, userId: string, role: Role): Promise<ChangeRoleResult> {
  return getDb().transaction(async (tx) => {
    const { target, admins } = await lockMemberships(tx, orgId, userId);
    if (!target) return 'not_found';
    if (target.role === 'admin' && role !== 'admin' && admins <= 1) return 'last_admin';
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)));
    return 'changed';
  });
}

export type RemoveMemberResult = 'removed' | 'not_found' | 'last_admin';

/**
 * Removes a member from `orgId` only and ends their sessions in the same transaction, so a cookie saved before
 * the removal works for nothing afterwards. Refuses to remove the organization's last admin.
 */
export async function deleteMember(orgId: string, userId: string): Promise<RemoveMemberResult> {
  return getDb().transaction(async (tx) => {
    const { target, admins } = await lockMemberships(tx, orgId, userId);
    if (!target) return 'not_found';
    if (target.role === 'admin' && admins <= 1) return 'last_admin';
    await tx.delete(memberships).where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)));
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    return 'removed';
  });
}
