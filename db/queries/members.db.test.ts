import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../schema';
import { setupTestDatabase } from '../../tests/database';
import { createOrganization } from '../../tests/fixtures/organizations';
import { getMemberByUserId, listMembers, updateMemberRole } from './members';

const database = setupTestDatabase();

describe('member queries are scoped to one organization', () => {
  let acme: Awaited<ReturnType<typeof createOrganization>>;
  let globex: Awaited<ReturnType<typeof createOrganization>>;

  beforeAll(async () => {
    acme = await createOrganization(database.db(), 'Acme');
    globex = await createOrganization(database.db(), 'Globex');
  });

  it('lists only the organization’s own members', async () => {
    const rows = await listMembers(acme.orgId);
    expect(rows.map((row) => row.userId).sort()).toEqual(acme.members.map((m) => m.userId).sort());
  });

  it('cannot change the role of another organization’s member', async () => {
    const target = globex.member!.userId;
    await expect(updateMemberRole(acme.orgId, target, 'admin')).resolves.toBe('not_found');
    const [row] = await database
      .db()
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, globex.orgId), eq(memberships.userId, target)));
    expect(row?.role).toBe('member');
  });

  it('refuses to demote the last admin', async () => {
    await expect(updateMemberRole(acme.orgId, acme.admin.userId, 'member')).resolves.toBe('last_admin');
    await expect(getMemberByUserId(acme.admin.userId)).resolves.toMatchObject({ role: 'admin' });
  });

  it('reads the role from the database every time, so a demotion applies at once', async () => {
    await updateMemberRole(acme.orgId, acme.member!.userId, 'admin');
    await expect(getMemberByUserId(acme.member!.userId)).resolves.toMatchObject({ role: 'admin', orgId: acme.orgId });
    await updateMemberRole(acme.orgId, acme.member!.userId, 'member');
    await expect(getMemberByUserId(acme.member!.userId)).resolves.toMatchObject({ role: 'member' });
  });
});
