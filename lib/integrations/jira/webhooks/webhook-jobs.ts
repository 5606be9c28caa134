import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';
import { defineSchedule } from '@/lib/jobs/define-schedule';
import { enqueue } from '@/lib/jobs/enqueue';
import { log } from '@/lib/observability/request-context';
import { connectionJobSchema, type ConnectionJob } from '../sync/jobs/job-payload';
import { ensureWebhooks } from './ensure-webhooks';
import { refreshExpiringWebhooks } from './refresh-expiring';

/** One connection's webhooks brought up to date: after a connect, a reconnect or a change of the project filter. */
export const webhookMaintainJob = defineJob({
  name: 'jira-webhook-maintain',
  title: 'Register or update a connection’s Jira webhooks',
  schema: connectionJobSchema,
  policy: 'stately',
  concurrency: 2,
  expireInSecs: 5 * 60,
  retry: { limit: 3, delaySecs: 60, backoff: true },
  handler: async ({ organizationId, connectionId }) => {
    await ensureWebhooks(organizationId, connectionId);
  },
});

/** Hourly: refreshes webhooks a week before their 30-day expiry, and retries connections without any. */
export const webhookRefreshDueJob = defineJob({
  name: 'jira-webhook-refresh-due',
  title: 'Refresh expiring Jira webhooks',
  schema: z.object({}),
  policy: 'stately',
  expireInSecs: 30 * 60,
  handler: async () => {
    const outcomes = Object.values(await refreshExpiringWebhooks());
    if (outcomes.length > 0) log().info({ connections: outcomes.length, errors: outcomes.filter((o) => o === 'error').length }, 'jira webhook maintenance pass');
  },
});

export const webhookRefreshDueSchedule = defineSchedule({ job: webhookRefreshDueJob, cron: '50 * * * *', data: {} });

export function enqueueWebhookMaintain(data: ConnectionJob, startAfterSecs?: number) {
  return enqueue(webhookMaintainJob, data, { singletonKey: data.connectionId, ...(startAfterSecs === undefined ? {} : { startAfter: startAfterSecs }) });
}
