// The hourly sweep of rows that are only kept for a while, on real PostgreSQL.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { saveStatusCounts } from '@/db/queries/jira-status-counts';
import { jiraStatusCounts } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { pruneExpiredRows } from './prune-expired-rows';

const harness = setupJiraHarness();

describe('pruneExpiredRows', () => {
  it('deletes preview counts too old to be reused and keeps fresh ones', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'PruneCounts');
    await saveStatusCounts(orgId, connectionId, 'OLD', { '1': 5, '2': 7 });
    await saveStatusCounts(orgId, connectionId, 'FRESH', { '1': 3 });
    await harness
      .db()
      .update(jiraStatusCounts)
      .set({ countedAt: sql`now() - interval '4 minutes'` })
      .where(eq(jiraStatusCounts.scope, 'OLD'));

    await pruneExpiredRows();

    const left = await harness.db().select({ scope: jiraStatusCounts.scope }).from(jiraStatusCounts).where(eq(jiraStatusCounts.connectionId, connectionId));
    expect(left).toEqual([{ scope: 'FRESH' }]);
  });
});
