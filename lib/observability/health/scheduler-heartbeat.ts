import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { recordSchedulerHeartbeat } from '@/db/queries/scheduler';
import { log } from '../request-context';
import { HEARTBEAT_EVERY_MS } from './heartbeat-policy';

let timer: NodeJS.Timeout | undefined;

/** Started by instrumentation.ts beside the periodic schedules it vouches for. */
export function startSchedulerHeartbeat(intervalMs = HEARTBEAT_EVERY_MS): void {
  if (timer) return;
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const beat = () =>
    recordSchedulerHeartbeat(instanceId).catch((error: unknown) =>
      log().error({ err: error }, 'scheduler heartbeat not recorded'),
    );
  void beat();
  timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
}
