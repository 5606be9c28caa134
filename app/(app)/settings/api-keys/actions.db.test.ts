import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeys } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { setupTestDatabase } from '@/tests/database';
import { createOrganization, memberOf, type TestOrganization } from '@/tests/fixtures/organizations';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { createApiKeyAction, revokeApiKeyAction } = await import('./actions');
const { authenticateApiKey } = await import('@/lib/api/keys/authenticate');
const { MAX_ACTIVE_API_KEYS } = await import('@/lib/api/keys/manage-keys');
const database = setupTestDatabase();

describe('API key actions', () => {
  let acme: TestOrganization;
  let globex: TestOrganization;
  const bearer = (key: string) => new Request('http://portico.test/api/v1/connections', { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    acme = await createOrganization(database.db(), 'Acme');
    globex = await createOrganization(database.db(), 'Globex');
  });

  it('lets an admin create a key that authenticates as the organization, shown once and stored as a hash', async () => {
    session.member = memberOf(acme, 'admin');
    const created = await createApiKeyAction({ name: '  CI  ' });
    if (!created.ok) throw new Error(created.error);
    expect(created.data.name).toBe('CI');
    expect(await authenticateApiKey(bearer(created.data.secret))).toEqual({ orgId: acme.orgId, keyId: created.data.id });
    const rows = await database.db().select().from(apiKeys).where(eq(apiKeys.organizationId, acme.orgId));
    expect(JSON.stringify(rows)).not.toContain(created.data.secret);
  });

  it('refuses members, empty names and unknown fields', async () => {
    session.member = memberOf(acme, 'member');
    expect(await createApiKeyAction({ name: 'Sneaky' })).toEqual({ ok: false, error: 'Only organization admins can change settings.' });
    session.member = memberOf(acme, 'admin');
    expect(await createApiKeyAction({ name: '   ' })).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    expect(await createApiKeyAction({ name: 'x', orgId: globex.orgId } as { name: string })).toMatchObject({ ok: false });
  });

  it('revokes at once, only within the organization', async () => {
    session.member = memberOf(acme, 'admin');
    const created = await createApiKeyAction({ name: 'Temp' });
    if (!created.ok) throw new Error(created.error);
    session.member = memberOf(globex, 'admin');
    expect(await revokeApiKeyAction({ keyId: created.data.id })).toMatchObject({ ok: false });
    expect(await authenticateApiKey(bearer(created.data.secret))).toBeDefined();
    session.member = memberOf(acme, 'member');
    expect(await revokeApiKeyAction({ keyId: created.data.id })).toMatchObject({ ok: false });
    session.member = memberOf(acme, 'admin');
    expect(await revokeApiKeyAction({ keyId: created.data.id })).toMatchObject({ ok: true });
    expect(await authenticateApiKey(bearer(created.data.secret))).toBeUndefined();
  });

  it('caps an organization at 25 active keys, even when 40 creations race, with a clear error; revoking frees a place', async () => {
    const initech = await createOrganization(database.db(), 'Initech');
    session.member = memberOf(initech, 'admin');
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => createApiKeyAction({ name: `key ${i}` })));
    const created = results.filter((result) => result.ok);
    expect(created).toHaveLength(MAX_ACTIVE_API_KEYS);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array.from({ length: 40 - MAX_ACTIVE_API_KEYS }, () => ({ ok: false, error: expect.stringMatching(/25 active API keys.*Revoke a key/) })),
    );
    const rows = await database.db().select().from(apiKeys).where(eq(apiKeys.organizationId, initech.orgId));
    expect(rows).toHaveLength(MAX_ACTIVE_API_KEYS);

    const first = created[0];
    if (!first?.ok) throw new Error('expected a created key');
    expect(await revokeApiKeyAction({ keyId: first.data.id })).toMatchObject({ ok: true });
    expect(await createApiKeyAction({ name: 'replacement' })).toMatchObject({ ok: true });
  });
});
