import 'server-only';
import { z } from 'zod';
import { runDiagnostics } from '@/lib/integrations/jira/diagnostics/run-diagnostics';
import { defineJob } from '../define-job';

/**
 * One connection's scheduled troubleshooting run. Stately with the connection id as singletonKey: a
 * connection has at most one run waiting and one running, however many fan-outs queued it.
 */
export const runScheduledDiagnosticsJob = defineJob({
  name: 'jira-diagnostics-run',
  title: 'Scheduled troubleshooting run',
  singletonKey: (data) => data.connectionId,
  schema: z.object({ organizationId: z.uuid(), connectionId: z.uuid() }),
  policy: 'stately',
  concurrency: 2,
  expireInSecs: 5 * 60,
  retry: { limit: 2, delaySecs: 60, backoff: true },
  handler: async ({ organizationId, connectionId }) => {
    // null: the connection was removed since it was queued; nothing to check.
    await runDiagnostics(organizationId, connectionId, { trigger: 'scheduled' });
  },
});
