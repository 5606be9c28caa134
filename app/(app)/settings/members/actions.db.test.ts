import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memberships } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { setupTestDatabase } from '@/tests/database';
import { createOrganization, memberOf, type TestOrganization } from '@/tests/fixtures/organizations';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { changeMemberRole } = await import('./actions');
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
});
