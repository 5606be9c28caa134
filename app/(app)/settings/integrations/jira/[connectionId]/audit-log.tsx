import { formatUtc } from '@/lib/format/date-time';
import { TableScroll } from '@/components/ui/table-scroll';

const ACTIONS: Record<string, string> = {
  connect: 'Connected',
  reconnect: 'Reconnected',
  disconnect: 'Disconnected',
  refresh_failed: 'Token refresh failed',
  site_changed: 'Site changed',
  authorizing_user_changed: 'Authorizing Atlassian user changed',
  created_by_api: 'Created through the API',
  grant_retired: 'Earlier authorization retired',
  sync_requested: 'Sync started by hand',
  sync_paused: 'Sync paused',
  sync_resumed: 'Sync resumed',
  refresh_interval_changed: 'Sync interval changed',
  reconcile_requested: 'Reconciliation started by hand',
};

interface AuditEvent {
  id: string;
  action: string;
  detail: Record<string, unknown>;
  createdAt: Date;
  actorName: string | null;
}

function describe(event: AuditEvent): string {
  const detail = event.detail;
  if (event.action === 'refresh_failed') return `Reason: ${String(detail.reason)}`;
  if (event.action === 'site_changed') return `${String(detail.from)} → ${String(detail.to)}`;
  // Atlassian has no revoke endpoint for 3LO grants: Portico only forgets its copy (decision 012).
  if (event.action === 'grant_retired') {
    return 'No site uses it any more: Portico deleted its tokens. The user can remove it at Atlassian under Connected apps.';
  }
  if (typeof detail.authorizedBy === 'string') return `Authorized by ${detail.authorizedBy}`;
  if (detail.configurationDeleted === true) return 'Configuration deleted';
  if (typeof detail.refreshIntervalSecs === 'number') return `Every ${detail.refreshIntervalSecs} seconds${detail.via === 'api' ? ', through the API' : ''}`;
  if (detail.via === 'api') return 'Through the API';
  return '';
}

export function AuditLog({ events }: { events: AuditEvent[] }) {
  return (
    <section aria-labelledby="audit-title" className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="audit-title" className="px-5 pt-5 font-semibold">
        Audit log
      </h2>
      {events.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">No events yet.</p>
      ) : (
        <TableScroll label="Audit log events" className="mt-3">
          <table className="w-full text-left text-sm">
            <thead className="border-y border-zinc-100 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">When (UTC)</th>
                <th scope="col" className="px-5 py-2 font-medium">Event</th>
                <th scope="col" className="px-5 py-2 font-medium">By</th>
                <th scope="col" className="px-5 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-5 py-2.5">{formatUtc(event.createdAt, 'seconds')}</td>
                  <td className="px-5 py-2.5 font-medium">{ACTIONS[event.action] ?? event.action}</td>
                  <td className="px-5 py-2.5">{event.actorName ?? 'Portico'}</td>
                  <td className="px-5 py-2.5 text-zinc-600 dark:text-zinc-400">{describe(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
