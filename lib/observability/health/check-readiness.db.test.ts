import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '@/db/connect';
import journal from '@/db/migrations/meta/_journal.json';
import { getJobEngineHeartbeatAge } from '@/db/queries/health';
import { setupTestDatabase } from '@/tests/database';
import { setupJobEngine } from '@/tests/job-engine';
import { checkReadiness } from './check-readiness';

const database = setupTestDatabase();
const engine = setupJobEngine(database);
const healthRoute = await import('@/app/api/health/route');
const readyRoute = await import('@/app/api/health/ready/route');
const get = (url: string) => new Request(`http://portico.test${url}`);

describe('readiness against PostgreSQL', () => {
  it('is not ready until a job worker’s scheduler ticks, then ready; liveness never asks the database', async () => {
    expect(await checkReadiness(database.db())).toMatchObject({
      ready: false,
      checks: {
        database: { ok: true },
        migrations: { ok: true, pending: [] },
        scheduler: { ok: false, lastBeatAgeSecs: null },
      },
    });
    const live = await healthRoute.GET(get('/api/health'), undefined);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect((await healthRoute.GET(get('/api/health?ready=1'), undefined)).status).toBe(503);

    const worker = await engine.start({ jobs: [], schedules: [] });
    // The timekeeper's first tick follows its start by a moment: wait for it (not an assertion on time).
    while ((await getJobEngineHeartbeatAge(database.db())) === null) await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.stop();
    expect(await checkReadiness(database.db())).toMatchObject({
      ready: true,
      checks: { scheduler: { ok: true, lastBeatAgeSecs: expect.any(Number) } },
    });
    for (const answer of [
      await healthRoute.GET(get('/api/health?ready=1'), undefined),
      await readyRoute.GET(get('/api/health/ready'), undefined),
    ]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-request-id')).toBeTruthy();
      expect(await answer.json()).toMatchObject({ status: 'ready' });
    }
  });

  it('reports a stale heartbeat and a migration the database lacks', async () => {
    await database.db().execute(sql`update pgboss.version set cron_on = now() - interval '10 minutes'`);
    const last = journal.entries.at(-1)!;
    await database.db().execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last.when}`);
    const readiness = await checkReadiness(database.db());
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.migrations).toEqual({ ok: false, pending: [last.tag] });
    expect(readiness.checks.scheduler.ok).toBe(false);
    expect(readiness.checks.scheduler.lastBeatAgeSecs).toBeGreaterThanOrEqual(600);
  });

  it('is not ready, without throwing, when the database is down', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const down = createDatabase('postgres://portico@127.0.0.1:1/portico', { max: 1 });
    try {
      expect(await checkReadiness(down)).toEqual({
        ready: false,
        checks: {
          database: { ok: false },
          migrations: { ok: false, pending: journal.entries.map((entry) => entry.tag) },
          scheduler: { ok: false, lastBeatAgeSecs: null },
        },
      });
    } finally {
      await down.close();
    }
  });
});
