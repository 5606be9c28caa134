import 'server-only';
import type { AnyJobDefinition } from './define-job';
import type { AnyCronSchedule } from './define-schedule';

/**
 * Every kind of background work Portico has, and every cron schedule: workers work exactly these.
 * A job added anywhere (lib/jobs/…, lib/integrations/jira/sync/jobs/…) is listed here, or no worker runs it.
 */
export const jobs: readonly AnyJobDefinition[] = [];

export const schedules: readonly AnyCronSchedule[] = [];
