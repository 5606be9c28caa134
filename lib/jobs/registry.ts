import 'server-only';
import type { AnyJobDefinition } from './define-job';
import { defineSchedule, type AnyCronSchedule } from './define-schedule';
import { fanOutDiagnosticsJob } from './jira-diagnostics/fan-out-diagnostics';
import { runScheduledDiagnosticsJob } from './jira-diagnostics/run-scheduled-diagnostics';
import { jiraKeepAliveJob } from './jira-keep-alive';
import { pruneExpiredRowsJob } from './maintenance/prune-expired-rows';
import { reencryptSecretsJob } from './reencrypt-secrets/reencrypt-job';
import {
  syncBackfillJob,
  syncDueJob,
  syncDueSchedule,
  syncPollJob,
  syncRenormalizeJob,
} from '@/lib/integrations/jira/sync/jobs/sync-jobs';
import { reconcileDueJob, reconcileDueSchedule, reconcileJob } from '@/lib/integrations/jira/sync/reconcile/reconcile-jobs';
import { webhookDeliveryJob } from '@/lib/integrations/jira/webhooks/delivery-job';
import { deliverWebhookJob } from '@/lib/outbound-webhooks/deliver-webhook';
import { dispatchEventsJob } from '@/lib/outbound-webhooks/dispatch-events';
import { notifyEventsJob } from '@/lib/notifications/consume-events';
import { sendNotificationEmailJob } from '@/lib/notifications/send-email';
import { webhookMaintainJob, webhookRefreshDueJob, webhookRefreshDueSchedule } from '@/lib/integrations/jira/webhooks/webhook-jobs';

/**
 * Every kind of background work Portico has, and every cron schedule: workers work exactly these.
 * A job added anywhere (lib/jobs/…, lib/integrations/jira/sync/jobs/…) is listed here, or no worker runs it.
 */
export const jobs: readonly AnyJobDefinition[] = [
  jiraKeepAliveJob,
  pruneExpiredRowsJob,
  fanOutDiagnosticsJob,
  runScheduledDiagnosticsJob,
  reencryptSecretsJob,
  syncBackfillJob,
  syncPollJob,
  syncRenormalizeJob,
  syncDueJob,
  reconcileJob,
  reconcileDueJob,
  webhookDeliveryJob,
  webhookMaintainJob,
  webhookRefreshDueJob,
  dispatchEventsJob,
  deliverWebhookJob,
  notifyEventsJob,
  sendNotificationEmailJob,
];

/** Cron in UTC; each tick is enqueued once across all workers (pg-boss's timekeeper). */
export const schedules: readonly AnyCronSchedule[] = [
  // Scheduled diagnostics are due every 6 hours per connection; the fan-out looks for due ones every 15 minutes.
  defineSchedule({ job: fanOutDiagnosticsJob, cron: '*/15 * * * *', data: {} }),
  defineSchedule({ job: jiraKeepAliveJob, cron: '5 * * * *', data: {} }),
  defineSchedule({ job: pruneExpiredRowsJob, cron: '20 * * * *', data: {} }),
  defineSchedule({ job: reencryptSecretsJob, cron: '35 * * * *', data: {} }),
  syncDueSchedule,
  // Deletions no webhook reported: once a day per connection (and on demand from the connection page or the API).
  reconcileDueSchedule,
  webhookRefreshDueSchedule,
  // Outbound webhooks: events whose NOTIFY no worker heard are dispatched within a minute.
  defineSchedule({ job: dispatchEventsJob, cron: '* * * * *', data: {} }),
  // Notifications: the same sweep for the second consumer of the events.
  defineSchedule({ job: notifyEventsJob, cron: '* * * * *', data: {} }),
];

/** Enqueued (once, by singletonKey) whenever a worker starts. */
export const onWorkerStart: readonly { job: AnyJobDefinition; data: object }[] = [{ job: reencryptSecretsJob, data: {} }];
