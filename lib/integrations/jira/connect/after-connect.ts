import 'server-only';
import { after } from 'next/server';
import { runDiagnostics } from '../diagnostics';
import { scheduleSyncNow } from '../sync/sync-schedule';
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
 * whose consent is already saved. The issue sync and the webhook registration are queued first (both run on
 * the workers), then names are resolved, so diagnostics see the result. Outside a request (tests, scripts) nothing
 * runs; the REST API resolves names lazily on read, the sync's minute schedule starts any connected
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
      try {
        await enqueueWebhookMaintain({ organizationId: event.orgId, connectionId: event.connectionId });
      } catch (error) {
        log().error({ err: error, orgId: event.orgId, connectionId: event.connectionId }, 'queueing the webhook registration after connect failed');
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
