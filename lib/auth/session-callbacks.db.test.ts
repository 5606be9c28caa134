import { describe, expect, it } from 'vitest';
import type { JWT } from 'next-auth/jwt';
import { setupTestDatabase } from '@/tests/database';
import { createOrganization } from '@/tests/fixtures/organizations';
import { endSessionsOnSignOut, jwtCallback } from './session-callbacks';

const database = setupTestDatabase();

/** What Auth.js runs when a user signs in, and the token it then seals into the cookie. */
async function signIn(userId: string): Promise<JWT> {
  const token = await jwtCallback({ token: { sub: userId }, user: { id: userId }, account: { provider: 'credentials', type: 'credentials', providerAccountId: userId } });
  if (!token) throw new Error('sign-in refused');
  return token;
}

/** What every later request runs on the cookie it presents: null means signed out. */
const presentCookie = (token: JWT) => jwtCallback({ token: structuredClone(token) });

describe('sessions end on the server', () => {
  it('refuses a cookie saved before sign-out, on every device of the user, and lets them sign in again', async () => {
    const acme = await createOrganization(database.db(), 'Acme');
    const laptop = await signIn(acme.admin.userId);
    const phone = await signIn(acme.admin.userId);
    expect(await presentCookie(laptop)).toMatchObject({ sub: acme.admin.userId });

    await endSessionsOnSignOut({ token: laptop });
    expect(await presentCookie(laptop)).toBeNull();
    expect(await presentCookie(phone)).toBeNull();
    expect(await presentCookie(await signIn(acme.admin.userId))).toMatchObject({ sub: acme.admin.userId });
  });

  it("ends only the signed-out user's sessions", async () => {
    const globex = await createOrganization(database.db(), 'Globex');
    const admin = await signIn(globex.admin.userId);
    const member = await signIn(globex.member!.userId);
    await endSessionsOnSignOut({ token: admin });
    expect(await presentCookie(member)).toMatchObject({ sub: globex.member!.userId });
  });

  it('refuses a cookie without a session version (issued before versions existed) or for a deleted user', async () => {
    const initech = await createOrganization(database.db(), 'Initech');
    expect(await presentCookie({ sub: initech.admin.userId, sid: 'old' })).toBeNull();
    expect(await presentCookie({ sub: '00000000-0000-4000-8000-000000000000', sid: 'x', sv: 0 })).toBeNull();
  });
});
