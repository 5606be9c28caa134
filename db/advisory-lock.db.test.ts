import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/tests/database';
import { isAdvisoryLockHeld, withAdvisoryLock, type LockKey } from './advisory-lock';

const database = setupTestDatabase();
const key = (id: string): LockKey => ({ namespace: 'metadata_refresh', id });

/** Another process's session holding the lock: the two-int4 key the module uses, taken by hand. */
async function foreignHolder(lock: LockKey) {
  const session = postgres(database.url(), { max: 1, onnotice: () => {} });
  const [row] = await session<{ pid: number; locked: boolean }[]>`
    select pg_backend_pid() as pid, pg_try_advisory_lock(${0x504f_0001}::int4, hashtext(${lock.id})) as locked`;
  return { session, pid: row!.pid, locked: row!.locked };
}

describe('advisory locks', () => {
  it('lets one holder in at a time and frees the lock when the work settles, even when it throws', async () => {
    const lock = key('one-at-a-time');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = withAdvisoryLock(lock, async () => {
      await gate;
      return 'first';
    });
    // The first attempt reserves its session asynchronously: wait until its lock is visible.
    while (!(await isAdvisoryLockHeld(lock))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await withAdvisoryLock(lock, () => Promise.resolve('second'))).toEqual({ acquired: false });
    expect(await isAdvisoryLockHeld(key('another-id'))).toBe(false);
    release();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await isAdvisoryLockHeld(lock)).toBe(false);

    await expect(withAdvisoryLock(lock, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withAdvisoryLock(lock, () => Promise.resolve(3))).toEqual({ acquired: true, value: 3 });
  });

  it('is free the moment its holder’s session ends (a killed process), with no lease to wait out', async () => {
    const lock = key('dead-holder');
    const holder = await foreignHolder(lock);
    expect(holder.locked).toBe(true);
    expect(await isAdvisoryLockHeld(lock)).toBe(true);
    expect(await withAdvisoryLock(lock, () => Promise.resolve('taken'))).toEqual({ acquired: false });

    await database.db().execute(`select pg_terminate_backend(${holder.pid}, 10000)`);
    await holder.session.end().catch(() => undefined);

    expect(await isAdvisoryLockHeld(lock)).toBe(false);
    expect(await withAdvisoryLock(lock, () => Promise.resolve('taken'))).toEqual({ acquired: true, value: 'taken' });
  });
});
