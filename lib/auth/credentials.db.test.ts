import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@/db/connect';
import { users } from '@/db/schema';
import { setupTestDatabase } from '@/tests/database';
import { checkCredentials } from './credentials';
import { createSignInThrottle, SIGN_IN_LIMITS, type SignInThrottle } from './sign-in-throttle';

const database = setupTestDatabase();
const PASSWORD = 'correct horse battery staple';

/** Two Portico instances: separate limiter objects on separate connection pools, one database. */
let pools: Database[] = [];
let instances: SignInThrottle[] = [];
let address = 0;
const freshIp = () => `203.0.113.${(address += 1)}`;
const request = (ip: string) => new Request('http://portico.test/api/auth/callback/credentials', { method: 'POST', headers: { 'x-forwarded-for': ip } });

async function createUser(email: string) {
  // A cheap hash keeps the test fast; the cost parameters travel inside the hash.
  const passwordHash = await hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  await database.db().insert(users).values({ email, name: email, passwordHash });
}

/** Attempts alternate between the two instances, as a load balancer would spread them. */
async function attempt(n: number, email: string, password: string, ip: string) {
  return checkCredentials({ email, password }, request(ip), instances[n % 2]);
}

describe('sign-in throttle (PostgreSQL, two instances)', () => {
  beforeAll(() => {
    pools = [createDatabase(database.url(), { max: 2 }), createDatabase(database.url(), { max: 2 })];
    instances = pools.map((pool) => createSignInThrottle(pool));
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it('allows 5 attempts a minute per account across both instances, then refuses even the right password', async () => {
    await createUser('ada@acme.test');
    const reasons = [];
    for (let n = 0; n < 12; n += 1) {
      const outcome = await attempt(n, 'ADA@acme.test', 'wrong', freshIp());
      reasons.push(outcome.ok ? 'ok' : outcome.reason);
    }
    expect(reasons.filter((reason) => reason === 'invalid_credentials')).toHaveLength(SIGN_IN_LIMITS.account.points);
    expect(reasons.slice(SIGN_IN_LIMITS.account.points).every((reason) => reason === 'rate_limited')).toBe(true);

    const right = await attempt(0, 'ada@acme.test', PASSWORD, freshIp());
    expect(right).toMatchObject({ ok: false, reason: 'rate_limited' });
    // The back-off: longer than the minute's window, at most the block.
    const wait = right.ok || right.reason !== 'rate_limited' ? 0 : right.retryAfterSecs;
    expect(wait).toBeGreaterThan(SIGN_IN_LIMITS.account.durationSecs);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.blockSecs);
  });

  it('allows 20 attempts a minute per address across both instances, whatever accounts they name', async () => {
    await createUser('grace@acme.test');
    // Real accounts with cheap hashes: unknown emails would each cost a full-strength decoy verification.
    for (let n = 0; n < 24; n += 1) await createUser(`guess-${n}@acme.test`);
    const ip = freshIp();
    const reasons = [];
    for (let n = 0; n < 24; n += 1) {
      const outcome = await attempt(n, `guess-${n}@acme.test`, 'wrong', ip);
      reasons.push(outcome.ok ? 'ok' : outcome.reason);
    }
    expect(reasons.filter((reason) => reason === 'invalid_credentials')).toHaveLength(SIGN_IN_LIMITS.address.points);
    expect(reasons.slice(SIGN_IN_LIMITS.address.points).every((reason) => reason === 'rate_limited')).toBe(true);
    expect(await attempt(0, 'grace@acme.test', PASSWORD, ip)).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(await attempt(1, 'grace@acme.test', PASSWORD, freshIp())).toMatchObject({ ok: true });
  });

  it("clears an account's count on a correct password, so a typo or two never locks its owner out", async () => {
    await createUser('linus@acme.test');
    for (let n = 0; n < SIGN_IN_LIMITS.account.points - 1; n += 1) {
      expect(await attempt(n, 'linus@acme.test', 'typo', freshIp())).toMatchObject({ reason: 'invalid_credentials' });
    }
    expect(await attempt(0, 'linus@acme.test', PASSWORD, freshIp())).toMatchObject({ ok: true });
    for (let n = 0; n < SIGN_IN_LIMITS.account.points - 1; n += 1) {
      expect(await attempt(n, 'linus@acme.test', 'typo', freshIp())).toMatchObject({ reason: 'invalid_credentials' });
    }
    expect(await attempt(1, 'linus@acme.test', PASSWORD, freshIp())).toMatchObject({ ok: true });
  });

  it('counts only failures against an address: 30 correct sign-ins in a row from one address all succeed', async () => {
    await createUser('margaret@acme.test');
    const ip = freshIp();
    const outcomes = [];
    for (let n = 0; n < 30; n += 1) outcomes.push((await attempt(n, 'margaret@acme.test', PASSWORD, ip)).ok);
    expect(outcomes.every(Boolean)).toBe(true);
  });
});
