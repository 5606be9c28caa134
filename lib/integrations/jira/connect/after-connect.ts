import 'server-only';
import { after } from 'next/server';
import { runDiagnostics } from '../diagnostics';
import { scheduleSyncNow } from '../sync/sync-schedule';
import { ensureWebhooks } from '../webhooks/ensure-webhooks';
import { enqueueWebhookMaintain } from '../webhooks/webhook-jobs';
import { resolveRequestedNames } from './resolve-requested-names';
import { log } from '@/lib/observability/request-context';

export interface ConnectedEvent {
  orgId: string;
  connectionId: string;
  reconnected: boolean;
  actorUserId: string;
}

/**
 * Runs once a consent has been saved (connect or reconnect). Everything here may be slow (name
 * resolution refreshes the site's metadata; diagnostics call Atlassian), so it all goes into
 * next/server's after(): the admin's redirect is not delayed, and no step can break the connect,
 * whose consent is already saved. The issue sync is queued first (its backfill runs on the workers), then
 * webhooks are registered and names resolved, so diagnostics see the result. Outside a request (tests,
 * scripts) nothing runs; the REST API resolves names lazily on read, the sync's minute schedule starts any connected
 * connection that has not synced yet, and the hourly webhook pass registers webhooks where there are none.
 */
export function afterConnect(event: ConnectedEvent): Promise<void> {
  try {
    after(async () => {
      try {
        await scheduleSyncNow(event.orgId, event.connectionId);
      } catch (error) {
        log().error({ err: error, orgId: event.orgId, connectionId: event.connectionId }, 'queueing the issue sync after connect failed');
      }
      // Registered here rather than queued, so it is done before diagnostics look (and before a test's next
      // step); a failure is retried by the maintain job a minute later (and by the hourly pass).
      try {
        await ensureWebhooks(event.orgId, event.connectionId);
      } catch (error) {
        log().warn({ err: error, orgId: event.orgId, connectionId: event.connectionId }, 'registering webhooks after connect failed; retrying in the background');
        await enqueueWebhookMaintain({ organizationId: event.orgId, connectionId: event.connectionId }, 60).catch(() => undefined);
      }
      try {
        await resolveRequestedNames(event.orgId, event.connectionId, event.actorUserId);
      } catch (error) {
        log().error({ err: error, orgId: event.orgId, connectionId: event.connectionId }, 'name resolution after connect failed');
      }
      try {
        await runDiagnostics(event.orgId, event.connectionId, {
          trigger: event.reconnected ? 'after_reconnect' : 'after_connect',
          actorUserId: event.actorUserId,
        });
      } catch (error) {
        log().error({ err: error, orgId: event.orgId, connectionId: event.connectionId }, 'diagnostics after connect failed');
      }
    });
  } catch {
    // No request to run after: nothing runs in the background.
  }
  return Promise.resolve();
}
