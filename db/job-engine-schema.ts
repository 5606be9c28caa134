import PgBoss from 'pg-boss';

/** pg-boss keeps its tables in a schema of its own, beside Portico's (docs/decisions/013-job-engine.md). */
export const JOB_SCHEMA = 'pgboss';

/**
 * Creates or upgrades pg-boss's schema. pg-boss does it on start too, but doing it with Portico's own
 * migrations means every database (and the tests' template) has it before any process enqueues.
 */
export async function migrateJobEngine(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
    application_name: 'portico-migrate',
  });
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}
