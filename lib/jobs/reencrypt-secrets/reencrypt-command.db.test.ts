import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jiraOauthApps, organizations } from '@/db/schema';
import { createKeyring, decryptSecret, encryptSecret } from '@/lib/crypto';
import { setupTestDatabase } from '@/tests/database';

const database = setupTestDatabase();
const run = promisify(execFile);
const spec = (id: string) => `${id}:${randomBytes(32).toString('base64url')}`;

/** `npm run reencrypt` as an operator runs it: its own process, configured by the environment only. */
async function reencryptCommand(keySpec: string, ...args: string[]) {
  try {
    const { stdout } = await run(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/reencrypt-secrets.ts', ...args],
      {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: database.url(),
          PORTICO_ENCRYPTION_KEY: keySpec,
          PORTICO_DATA_DIR: '/nonexistent',
        },
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('npm run reencrypt', () => {
  it('reports the values under old keys, re-encrypts them, then says the old key may go', async () => {
    const [oldKey, newKey] = [spec('old'), spec('new')];
    const [org] = await database.db().insert(organizations).values({ name: 'Command' }).returning();
    const aad = `jira_oauth_app:${org!.id}:client_secret`;
    await database
      .db()
      .insert(jiraOauthApps)
      .values({
        organizationId: org!.id,
        clientId: 'byo',
        clientSecretCiphertext: encryptSecret(createKeyring(oldKey), 'secret', aad),
      });
    const rotating = `${newKey},${oldKey}`;

    const status = await reencryptCommand(rotating, '--status');
    expect(status.code).toBe(2);
    expect(status.stdout).toMatch(/jira_oauth_apps\.client_secret_ciphertext {2}old: 1/);
    expect(status.stdout).toMatch(/under old keys: 1;/);

    const done = await reencryptCommand(rotating);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Re-encrypted 1 values under key new/);
    expect(done.stdout).toMatch(/Done: the keys other than new may be removed/);
    for (const key of [newKey, oldKey]) expect(done.stdout + status.stdout).not.toContain(key.split(':')[1]);

    const [row] = await database.db().select().from(jiraOauthApps).where(eq(jiraOauthApps.organizationId, org!.id));
    expect(decryptSecret(createKeyring(newKey), row!.clientSecretCiphertext, aad)).toBe('secret');
  }, 120_000);
});
