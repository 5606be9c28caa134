import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  jiraAuditEvents,
  jiraConnections,
  jiraGrants,
  jiraOauthApps,
  jiraOauthStates,
  jiraPendingAuthorizations,
  organizations,
  users,
  webhookEndpoints,
} from '@/db/schema';
import { createKeyring, decryptSecret, DecryptionError, encryptSecret, type Keyring } from '@/lib/crypto';
import { setupTestDatabase } from '@/tests/database';
import { countValuesByKey } from './key-usage';
import { reencryptSecrets, type ReencryptBatch } from './reencrypt-secrets';
import { SEALED_COLUMNS } from './sealed-columns';

const { db } = setupTestDatabase();

const ROWS = 1_000;
const BATCH = 100;
const spec = (id: string) => `${id}:${randomBytes(32).toString('base64url')}`;
const [A, B, C, D] = ['a', 'b', 'c', 'd'].map(spec) as [string, string, string, string];
const ring = (...specs: string[]): Keyring => createKeyring(specs.join(','));
const grantAad = (id: string, column: string) => `jira_grant:${id}:${column}`;

let orgId = '';
let grantIds: string[] = [];

/** A process killed in the middle of its Nth batch: that batch's writes are rolled back, earlier ones stay. */
const killAt = (number: number) => (batch: ReencryptBatch) => {
  if (batch.number === number) throw new Error(`killed in batch ${number}`);
};

/** Every grant's two tokens, plus the one value of each other sealed column, opened with `keyring`. */
async function openEverything(keyring: Keyring): Promise<{ opened: number; unreadable: number }> {
  const grants = await db()
    .select({ id: jiraGrants.id, access: jiraGrants.accessTokenCiphertext, refresh: jiraGrants.refreshTokenCiphertext })
    .from(jiraGrants)
    .where(inArray(jiraGrants.id, grantIds));
  let opened = 0;
  let unreadable = 0;
  const attempt = (value: string | null, aad: string, expected: string) => {
    try {
      expect(decryptSecret(keyring, value!, aad)).toBe(expected);
      opened += 1;
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      unreadable += 1;
    }
  };
  for (const grant of grants) {
    const index = grantIds.indexOf(grant.id);
    attempt(grant.access, grantAad(grant.id, 'access_token'), `access-${index}`);
    attempt(grant.refresh, grantAad(grant.id, 'refresh_token'), `refresh-${index}`);
  }
  const [app] = await db().select().from(jiraOauthApps).where(eq(jiraOauthApps.organizationId, orgId));
  attempt(app!.clientSecretCiphertext, `jira_oauth_app:${orgId}:client_secret`, 'byo-client-secret');
  const [pending] = await db().select().from(jiraPendingAuthorizations);
  attempt(pending!.tokenSetCiphertext, `jira_pending:${pending!.id}:tokens`, '{"pending":true}');
  const [state] = await db().select().from(jiraOauthStates);
  attempt(state!.codeVerifierCiphertext, `jira_oauth_state:${state!.stateHash}:code_verifier`, 'code-verifier');
  const [endpoint] = await db().select().from(webhookEndpoints);
  attempt(endpoint!.secretCiphertext, `webhook_endpoint:${endpoint!.id}:current_secret`, 'whsec_current');
  attempt(endpoint!.previousSecretCiphertext, `webhook_endpoint:${endpoint!.id}:previous_secret`, 'whsec_previous');
  return { opened, unreadable };
}

beforeAll(async () => {
  const keyring = ring(A);
  const [org] = await db().insert(organizations).values({ name: 'Rotation' }).returning();
  orgId = org!.id;
  const [user] = await db().insert(users).values({ email: 'rotation@example.test', name: 'Rotation' }).returning();
  const inserted = await db()
    .insert(jiraGrants)
    .values(
      Array.from({ length: ROWS }, (_, index) => ({
        organizationId: orgId,
        clientId: 'platform',
        atlassianAccountId: `account-${index}`,
        atlassianAccountName: `User ${index}`,
        scopes: ['offline_access'],
      })),
    )
    .returning({ id: jiraGrants.id });
  grantIds = inserted.map((grant) => grant.id);
  // Sealed with their own ids as associated data, so the rows are updated once the ids are known.
  for (const [index, id] of grantIds.entries()) {
    await db()
      .update(jiraGrants)
      .set({
        accessTokenCiphertext: encryptSecret(keyring, `access-${index}`, grantAad(id, 'access_token')),
        refreshTokenCiphertext: encryptSecret(keyring, `refresh-${index}`, grantAad(id, 'refresh_token')),
      })
      .where(eq(jiraGrants.id, id));
  }
  await db()
    .insert(jiraOauthApps)
    .values({
      organizationId: orgId,
      clientId: 'byo',
      clientSecretCiphertext: encryptSecret(keyring, 'byo-client-secret', `jira_oauth_app:${orgId}:client_secret`),
    });
  const expiresAt = new Date(Date.now() + 600_000);
  const [pending] = await db()
    .insert(jiraPendingAuthorizations)
    .values({ organizationId: orgId, userId: user!.id, tokenSetCiphertext: 'pending', sites: [], expiresAt })
    .returning({ id: jiraPendingAuthorizations.id });
  await db()
    .update(jiraPendingAuthorizations)
    .set({ tokenSetCiphertext: encryptSecret(keyring, '{"pending":true}', `jira_pending:${pending!.id}:tokens`) });
  await db()
    .insert(jiraOauthStates)
    .values({
      stateHash: 'state-hash',
      organizationId: orgId,
      userId: user!.id,
      sessionId: 'session',
      browserBindingHash: 'binding',
      codeVerifierCiphertext: encryptSecret(keyring, 'code-verifier', 'jira_oauth_state:state-hash:code_verifier'),
      expiresAt,
    });
  const [endpoint] = await db()
    .insert(webhookEndpoints)
    .values({ organizationId: orgId, url: 'https://hooks.example.test/portico', eventTypes: ['connection.created'], secretCiphertext: 'sealed below' })
    .returning({ id: webhookEndpoints.id });
  await db()
    .update(webhookEndpoints)
    .set({
      secretCiphertext: encryptSecret(keyring, 'whsec_current', `webhook_endpoint:${endpoint!.id}:current_secret`),
      previousSecretCiphertext: encryptSecret(keyring, 'whsec_previous', `webhook_endpoint:${endpoint!.id}:previous_secret`),
      previousSecretExpiresAt: expiresAt,
    });
}, 120_000);

describe('reencryptSecrets', () => {
  // Two tokens per grant, the BYO app's secret, a pending consent, a code verifier and a webhook endpoint's two secrets.
  const values = ROWS * 2 + 5;

  it('rotates 1,000 grants twice with a kill mid-run each time, and every value then opens under the newest key alone', async () => {
    // Rotation 1: b is prepended. The run dies in its 4th batch: 3 batches (300 access tokens) committed.
    const first = ring(B, A);
    await expect(
      reencryptSecrets({ db: db(), keyring: first, batchSize: BATCH, beforeCommit: killAt(4) }),
    ).rejects.toThrow('killed in batch 4');
    expect(await countValuesByKey(db(), first)).toMatchObject({ underActiveKey: 300, underOldKeys: values - 300 });
    expect(await openEverything(first)).toEqual({ opened: values, unreadable: 0 });

    const resumed = await reencryptSecrets({ db: db(), keyring: first, batchSize: BATCH });
    expect(resumed).toMatchObject({ reencrypted: values - 300, unreadable: 0 });
    expect(await countValuesByKey(db(), first)).toMatchObject({ underActiveKey: values, underOldKeys: 0 });
    // Idempotent: a finished rotation finds nothing to do.
    expect(await reencryptSecrets({ db: db(), keyring: first, batchSize: BATCH })).toMatchObject({
      reencrypted: 0,
      batches: 0,
    });

    // Rotation 2: c is prepended and a is already gone. Killed in batch 13 (the refresh tokens'
    // 3rd), then resumed by two instances at once: skip-locked rows are never done twice.
    const second = ring(C, B);
    await expect(
      reencryptSecrets({ db: db(), keyring: second, batchSize: BATCH, beforeCommit: killAt(13) }),
    ).rejects.toThrow();
    expect(await countValuesByKey(db(), second)).toMatchObject({ underActiveKey: 1_200, underOldKeys: values - 1_200 });
    const together = await Promise.all([
      reencryptSecrets({ db: db(), keyring: second, batchSize: BATCH }),
      reencryptSecrets({ db: db(), keyring: second, batchSize: BATCH }),
    ]);
    expect(together[0].reencrypted + together[1].reencrypted).toBe(values - 1_200);

    // The old keys are removed: everything opens under c alone.
    const newest = ring(C);
    expect(await countValuesByKey(db(), newest)).toMatchObject({
      underActiveKey: values,
      underOldKeys: 0,
      underRemovedKeys: 0,
    });
    expect(await openEverything(newest)).toEqual({ opened: values, unreadable: 0 });
  }, 120_000);

  it('refuses 1,000 tampered ciphertexts: none opens or is rewritten, each flags its connection, and the batches go on', async () => {
    // Tokens of the first 3 grants serve connections, which must learn their tokens are unreadable.
    await db()
      .insert(jiraConnections)
      .values(
        grantIds.slice(0, 3).map((grantId, index) => ({ organizationId: orgId, grantId, cloudId: `cloud-${index}` })),
      );
    // Every access token altered in a different way: its key id swapped for a removed one, or one
    // character of its IV, tag or ciphertext replaced. The refresh tokens stay intact.
    const grants = await db()
      .select({ id: jiraGrants.id, access: jiraGrants.accessTokenCiphertext })
      .from(jiraGrants)
      .where(inArray(jiraGrants.id, grantIds));
    const tampered = new Map<string, string>();
    for (const [index, grant] of grants.entries()) {
      const parts = grant.access!.split('.');
      if (index % 4 === 0) parts[1] = 'a';
      else {
        const part = parts[1 + (index % 4)]!;
        const at = index % part.length;
        const replacement = part[at] === 'A' ? 'B' : 'A';
        parts[1 + (index % 4)] = part.slice(0, at) + replacement + part.slice(at + 1);
      }
      tampered.set(grant.id, parts.join('.'));
    }
    for (const [id, value] of tampered) {
      await db().update(jiraGrants).set({ accessTokenCiphertext: value }).where(eq(jiraGrants.id, id));
    }

    // Rotation 3 (d prepended) meets them.
    const keyring = ring(D, C);
    const grantColumns = SEALED_COLUMNS.filter((column) => column.name.startsWith('jira_grants.'));
    const report = await reencryptSecrets({ db: db(), keyring, batchSize: BATCH, columns: grantColumns });
    expect(report.byColumn).toEqual({
      'jira_grants.access_token_ciphertext': { reencrypted: 0, unreadable: ROWS },
      'jira_grants.refresh_token_ciphertext': { reencrypted: ROWS, unreadable: 0 },
    });
    const after = await db()
      .select({ id: jiraGrants.id, access: jiraGrants.accessTokenCiphertext })
      .from(jiraGrants)
      .where(inArray(jiraGrants.id, grantIds));
    expect(after.filter((grant) => grant.access !== tampered.get(grant.id))).toEqual([]);
    expect(await openEverything(keyring)).toMatchObject({ unreadable: ROWS });

    const connections = await db().select().from(jiraConnections).where(eq(jiraConnections.organizationId, orgId));
    expect(connections.map((connection) => [connection.status, connection.statusReason])).toEqual(
      Array(3).fill(['needs_reconnect', 'token_unreadable']),
    );
    // A second run flags nothing twice.
    await reencryptSecrets({ db: db(), keyring, batchSize: BATCH, columns: grantColumns });
    const events = await db().select().from(jiraAuditEvents).where(eq(jiraAuditEvents.action, 'tokens_unreadable'));
    expect(events).toHaveLength(3);
  }, 120_000);
});
