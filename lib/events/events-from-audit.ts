import type { ConnectionEventType } from './event-types';

/** An audit row as its writers give it (db/queries/connection-activity.ts). */
export interface AuditEntry {
  organizationId: string;
  connectionId: string | null;
  actorUserId?: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface DerivedEvent {
  type: ConnectionEventType;
  connectionId: string | null;
  payload: Record<string, unknown>;
}

/**
 * The audit log is the source: each audited change that API consumers care about becomes an event. Pure and
 * explicit per action, so a payload carries only the fields listed here (never a detail field added later,
 * which could be an id of a key or something worse).
 */
export function eventsFromAudit(entry: AuditEntry): DerivedEvent[] {
  const { detail } = entry;
  const connectionId = entry.connectionId;
  const via = entry.actorUserId ? 'admin' : 'system';
  const one = (type: ConnectionEventType, payload: Record<string, unknown>): DerivedEvent[] => [{ type, connectionId, payload }];
  switch (entry.action) {
    case 'created_by_api':
      return one('connection.created', { via: 'api' });
    case 'connect': {
      // An API-created connection already announced connection.created; its consent only authorizes it.
      const authorized: DerivedEvent = { type: 'connection.authorized', connectionId, payload: { site: detail.site ?? null, reconnect: false, scopes: detail.scopes ?? [] } };
      return detail.created === true ? [{ type: 'connection.created', connectionId, payload: { via, site: detail.site ?? null } }, authorized] : [authorized];
    }
    case 'reconnect':
      return one('connection.authorized', { site: detail.site ?? null, reconnect: true, scopes: detail.scopes ?? [] });
    case 'refresh_failed':
    case 'tokens_unreadable':
      return one('connection.needs_reconnect', { reason: detail.reason ?? entry.action });
    case 'health_changed':
      return one('connection.health_changed', { outcome: detail.outcome, previous_outcome: detail.previousOutcome, checks: detail.checks });
    case 'disconnect':
      return one('connection.disconnected', { site: detail.site ?? null, configuration_deleted: detail.configurationDeleted === true, actor_user_id: entry.actorUserId ?? null });
    case 'deleted_by_api':
    case 'delete':
      return [{ type: 'connection.deleted', connectionId: typeof detail.connectionId === 'string' ? detail.connectionId : connectionId, payload: { site: detail.site ?? null } }];
    case 'config_saved':
      return one('mapping.saved', { version: detail.version, summary: detail.summary });
    case 'config_rolled_back':
      return one('mapping.rolled_back', { version: detail.version, rolled_back_to: detail.rolledBackTo, summary: detail.summary });
    case 'drift_detected':
      return one('mapping.drift_detected', { statuses: detail.statuses ?? [], priorities: detail.priorities ?? [] });
    case 'backfill_completed':
      return one('sync.backfill_completed', { tickets: detail.tickets ?? null });
    case 'sync_failed':
      return one('sync.failed', { kind: detail.kind, remedy: detail.remedy });
    case 'sync_recovered':
      return one('sync.recovered', { previous_kind: detail.previousKind ?? null });
    case 'webhook_endpoint_disabled':
      return one('webhook_endpoint.disabled', { endpoint_id: detail.endpointId, reason: detail.reason, url: detail.url });
    default:
      return [];
  }
}
