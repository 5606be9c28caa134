import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, openLockSession } from './client';

/**
 * PostgreSQL session-level advisory locks for work that must run once at a time per connection
 * across every process. The lock lives as long as the session that took it: when the holder's
 * process dies (kill -9, crash, lost network), PostgreSQL ends the session and the lock is free at
 * once, so nobody waits out a lease for a dead holder. Each holder has a connection of its own
 * (openLockSession), so a burst of holders never starves the pool their work queries run on.
 */

/** First half of the two-int4 key: keeps each kind of work apart (values spell "PO" + a number). */
const NAMESPACES = {
  metadata_refresh: 0x504f_0001,
  connection_check: 0x504f_0002,
  diagnostics: 0x504f_0003,
} as const;

export type LockNamespace = keyof typeof NAMESPACES;
export type LockKey = { namespace: LockNamespace; id: string };

export type LockAttempt<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Runs `work` while holding the lock, or returns `{ acquired: false }` at once when another session
 * holds it. The lock is released when `work` settles, whatever it returns or throws.
 */
export async function withAdvisoryLock<T>(key: LockKey, work: () => Promise<T>): Promise<LockAttempt<T>> {
  const local = localKey(key);
  // Most callers that lose arrive while the holder works: tell them without opening a connection.
  if (localAttempts.has(local) || (await isAdvisoryLockHeld(key))) return { acquired: false };
  if (localAttempts.has(local)) return { acquired: false };
  const attempt = holdWhileWorking(key, work);
  localAttempts.set(local, attempt.catch(() => undefined));
  try {
    return await attempt;
  } finally {
    localAttempts.delete(local);
  }
}

async function holdWhileWorking<T>(key: LockKey, work: () => Promise<T>): Promise<LockAttempt<T>> {
  const session = openLockSession();
  try {
    const [row] = await session<{ locked: boolean }[]>`
      select pg_try_advisory_lock(${NAMESPACES[key.namespace]}::int4, hashtext(${key.id})) as locked`;
    if (!row?.locked) return { acquired: false };
    try {
      return { acquired: true, value: await work() };
    } finally {
      // If the session was cut meanwhile, PostgreSQL dropped the lock with it (and this unlocks nothing).
      await session`select pg_advisory_unlock(${NAMESPACES[key.namespace]}::int4, hashtext(${key.id}))`.catch(() => undefined);
    }
  } finally {
    await session.end({ timeout: 5 }).catch(() => undefined);
  }
}

/**
 * This process's attempts in progress, so a burst of identical requests in one process opens one
 * session, not one each. Only a shortcut: whether the work may run is decided by PostgreSQL's lock.
 */
const localAttempts = new Map<string, Promise<unknown>>();
const localKey = (key: LockKey) => `${key.namespace}:${key.id}`;

/** Whether any live session holds the lock (read from pg_locks, so a dead holder never counts). */
export async function isAdvisoryLockHeld(key: LockKey): Promise<boolean> {
  const rows = await getDb().execute<{ held: boolean }>(sql`select ${heldExpression(key)} as held`);
  return rows[0]?.held === true;
}

/** SQL boolean for "someone holds this lock", for queries that report work in progress. */
export function heldExpression(key: LockKey) {
  // Two-int4 advisory keys appear in pg_locks as classid/objid with objsubid 2; int4 → oid keeps the bits.
  return sql<boolean>`exists (
    select 1 from pg_locks
     where locktype = 'advisory' and granted and objsubid = 2
       and database = (select oid from pg_database where datname = current_database())
       and classid = ${NAMESPACES[key.namespace]}::int4::oid and objid = hashtext(${key.id})::oid)`;
}

/**
 * Polls until nobody holds the lock or the deadline passes; true when it was released in time. The
 * pause grows from 50 ms to 1 s, so a crowd of waiters does not flood the pool while a slow holder works.
 */
export async function waitForAdvisoryLock(key: LockKey, options: { deadline: number }): Promise<boolean> {
  // A holder in this process: its settling is the release (or its failure to take the lock at all).
  await localAttempts.get(localKey(key));
  for (let pauseMs = 50; ; pauseMs = Math.min(pauseMs * 2, 1_000)) {
    if (!(await isAdvisoryLockHeld(key))) return true;
    if (Date.now() > options.deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

export type OnceAtATime<Row, T> = { kind: 'ran'; value: T } | { kind: 'joined'; row: Row } | { kind: 'busy' };

/**
 * Work that runs once at a time per key across processes, whose callers share one result and take
 * over from a dead holder. `read` loads the row the work leaves its result in; `stampOf` tells results
 * apart. When the stamp differs from `seen` (what the caller saw before asking), another holder finished
 * meanwhile and its result answers this caller ('joined'). A holder that died freed the lock with its
 * session and left the stamp as it was, so the waiter loops and runs the work itself. Without `wait`, or
 * once `deadline` passes with the lock still held, the answer is 'busy'.
 */
export async function runOnceAtATime<Row, T>(
  key: LockKey,
  options: {
    read: () => Promise<Row>;
    stampOf: (row: Row) => number | null;
    seen: number | null;
    work: (row: Row) => Promise<T>;
    wait: boolean;
    deadline: number;
  },
): Promise<OnceAtATime<Row, T>> {
  const { read, stampOf, seen, work } = options;
  for (;;) {
    const attempt = await withAdvisoryLock(key, async (): Promise<OnceAtATime<Row, T>> => {
      const row = await read();
      return stampOf(row) !== seen ? { kind: 'joined', row } : { kind: 'ran', value: await work(row) };
    });
    if (attempt.acquired) return attempt.value;
    if (!options.wait) return { kind: 'busy' };
    const released = await waitForAdvisoryLock(key, { deadline: options.deadline });
    const row = await read();
    if (stampOf(row) !== seen) return { kind: 'joined', row };
    if (!released) return { kind: 'busy' };
    // Released without a result: its holder died. Loop and take over.
  }
}
