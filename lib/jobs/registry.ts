import 'server-only';
import type { AnyJobDefinition } from './define-job';
import type { AnyCronSchedule } from './define-schedule';
import {
  syncBackfillJob,
  syncDueJob,
  syncDueSchedule,
  syncPollJob,
  syncRenormalizeJob,
} from '@/lib/integrations/jira/sync/jobs/sync-jobs';

/**
 * Every kind of background work Portico has, and every cron schedule: workers work exactly these.
 * A job added anywhere (lib/jobs/…, lib/integrations/jira/sync/jobs/…) is listed here, or no worker runs it.
 */
export const jobs: readonly AnyJobDefinition[] = [syncBackfillJob, syncPollJob, syncRenormalizeJob, syncDueJob];

export const schedules: readonly AnyCronSchedule[] = [syncDueSchedule];
