import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memberships } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { setupTestDatabase } from '@/tests/database';
import { createOrganization, memberOf, type TestOrganization } from '@/tests/fixtures/organizations';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { changeMemberRole, removeMember } = await import('./actions');
const { jwtCallback } = await import('@/lib/auth/session-callbacks');
const database = setupTestDatabase();

describe('changeMemberRole (server action)', () => {
  let acme: TestOrganization;
  let globex: TestOrganization;
  const roleOf = async (orgId: string, userId: string) =>
    (
      await database
        .db()
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)))
    )[0]?.role;

  beforeAll(async () => {
    acme = await createOrganization(database.db(), 'Acme');
    globex = await createOrganization(database.db(), 'Globex');
  });
  beforeEach(() => {
    session.member = undefined;
  });

  it('refuses signed-out callers', async () => {
    const result = await changeMemberRole({ userId: acme.member!.userId, role: 'admin' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/sign in/i) });
    expect(await roleOf(acme.orgId, acme.member!.userId)).toBe('member');
  });

  it('refuses members', async () => {
    session.member = memberOf(acme, 'member');
    const result = await changeMemberRole({ userId: acme.member!.userId, role: 'admin' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/only organization admins/i) });
    expect(await roleOf(acme.orgId, acme.member!.userId)).toBe('member');
  });

  it('never reaches another organization, whatever id the browser sends', async () => {
    session.member = memberOf(acme, 'admin');
    const result = await changeMemberRole({ userId: globex.member!.userId, role: 'admin' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a member of your organization/) });
    expect(await roleOf(globex.orgId, globex.member!.userId)).toBe('member');
  });

  it('rejects malformed input with a field error', async () => {
    session.member = memberOf(acme, 'admin');
    const result = await changeMemberRole({ userId: 'not-a-uuid', role: 'owner' } as never);
    expect(result).toMatchObject({ ok: false, fieldErrors: { userId: expect.any(Array), role: expect.any(Array) } });
  });

  it('lets an admin change a role in their own organization', async () => {
    session.member = memberOf(acme, 'admin');
    await expect(changeMemberRole({ userId: acme.member!.userId, role: 'admin' })).resolves.toMatchObject({ ok: true });
    expect(await roleOf(acme.orgId, acme.member!.userId)).toBe('admin');
  });

  it("removes a member and ends their sessions at once, but never another organization's member or the last admin", async () => {
    const initech = await createOrganization(database.db(), 'Initech');
    const userId = initech.member!.userId;
    const cookie = await jwtCallback({ token: { sub: userId }, user: { id: userId }, account: { provider: 'credentials', type: 'credentials', providerAccountId: userId } });
    expect(await jwtCallback({ token: structuredClone(cookie!) })).not.toBeNull();

    session.member = memberOf(acme, 'admin');
    expect(await removeMember({ userId })).toMatchObject({ ok: false, error: expect.stringMatching(/not a member of your organization/) });
    expect(await jwtCallback({ token: structuredClone(cookie!) })).not.toBeNull();

    session.member = memberOf(initech, 'admin');
    expect(await removeMember({ userId: initech.admin.userId })).toMatchObject({ ok: false, error: expect.stringMatching(/cannot remove yourself/) });
    expect(await removeMember({ userId })).toMatchObject({ ok: true });
    expect(await roleOf(initech.orgId, userId)).toBeUndefined();
    expect(await jwtCallback({ token: structuredClone(cookie!) })).toBeNull();
  });

  it('refuses to remove the last admin, whoever asks', async () => {
    const hooli = await createOrganization(database.db(), 'Hooli', ['admin', 'admin']);
    const [first, second] = hooli.members;
    session.member = { ...memberOf(hooli, 'admin'), userId: first!.userId };
    expect(await removeMember({ userId: second!.userId })).toMatchObject({ ok: true });
    session.member = { ...memberOf(hooli, 'admin'), userId: second!.userId };
    expect(await removeMember({ userId: first!.userId })).toMatchObject({ ok: false, error: expect.stringMatching(/at least one admin/) });
  });
});
