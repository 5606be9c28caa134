import 'server-only';
import postgres from 'postgres';
import { CONNECTION_EVENTS_CHANNEL } from '@/db/queries/connection-activity';
import { log } from '@/lib/observability/request-context';
import type PgBoss from 'pg-boss';
import { dispatchEventsJob } from './dispatch-events';

/**
 * Wakes the dispatcher within a poll of an event's commit: recordActivity() sends NOTIFY in the change's
 * transaction (PostgreSQL delivers it only on commit), and each worker LISTENs and queues one dispatch
 * (the queue holds at most one waiting, so a burst costs one run). A missed notification (a worker
 * restarting) waits for the per-minute sweep in registry.ts.
 */
export async function startDispatchWakeup(databaseUrl: string, boss: PgBoss): Promise<() => Promise<void>> {
  const listener = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await listener.listen(CONNECTION_EVENTS_CHANNEL, () => {
    boss.send(dispatchEventsJob.name, {}, { singletonKey: 'dispatch' }).catch((error: unknown) => log().warn({ err: error }, 'could not queue the event dispatcher'));
    boss.send('notify-connection-events', {}, { singletonKey: 'notify' }).catch((error: unknown) => log().warn({ err: error }, 'could not queue the notification consumer'));
  });
  return () => listener.end({ timeout: 5 });
}
