import 'server-only';
import { z } from 'zod';
import { refreshIdleGrants } from '@/lib/integrations/jira/keep-alive';
import { log } from '@/lib/observability/request-context';
import { defineJob } from './define-job';

/**
 * Refreshes grants idle for a week, so Atlassian's 90-day refresh-token expiry never hits an unused
 * connection. One grant's failure is recorded on that grant (refreshIdleGrants), not on the job.
 */
export const jiraKeepAliveJob = defineJob({
  name: 'jira-keep-alive',
  title: 'Keep idle Jira authorizations alive',
  schema: z.object({}),
  policy: 'stately',
  expireInSecs: 30 * 60,
  handler: async () => {
    const report = await refreshIdleGrants();
    if (report.refreshed > 0 || report.failed > 0) log().info({ refreshed: report.refreshed, failed: report.failed }, 'jira keep-alive pass');
  },
});
