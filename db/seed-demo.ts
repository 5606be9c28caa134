import { eq } from 'drizzle-orm';
import { hashPassword } from '../lib/auth/password';
import { createDatabase } from './connect';
import { memberships, organizations, users, type Role } from './schema';

export const DEMO_ORGANIZATION = { id: '00000000-0000-4000-8000-00000000ac3e', name: 'Acme' };

export const DEMO_USERS: { email: string; name: string; password: string; role: Role }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', password: 'portico-admin', role: 'admin' },
  { email: 'member@example.com', name: 'Max Member', password: 'portico-member', role: 'member' },
];

/** Idempotent: creates the demo organization and users once; never touches existing passwords. */
export async function seedDemo(databaseUrl: string): Promise<void> {
  const db = createDatabase(databaseUrl, { max: 1 });
  try {
    await db.insert(organizations).values(DEMO_ORGANIZATION).onConflictDoNothing();
    for (const user of DEMO_USERS) {
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, user.email));
      const userId =
        existing?.id ??
        (await db
          .insert(users)
          .values({ email: user.email, name: user.name, passwordHash: await hashPassword(user.password) })
          .returning({ id: users.id }))[0]!.id;
      await db
        .insert(memberships)
        .values({ organizationId: DEMO_ORGANIZATION.id, userId, role: user.role })
        .onConflictDoNothing();
    }
  } finally {
    await db.close();
  }
}
