import type { Metadata } from 'next';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { WarningNotice } from '@/components/ui/warning-notice';
import { listEndpointDeliveries, type EndpointDelivery } from '@/db/queries/outbound-deliveries';
import { listWebhookEndpoints, type WebhookEndpointSummary } from '@/db/queries/webhook-endpoints';
import { isAdmin, requireOrgMember } from '@/lib/auth/guards';
import { plural } from '@/lib/format/plural';
import { describeDeliveryError } from '@/lib/outbound-webhooks/describe-delivery-error';
import { CreateEndpointForm } from './create-endpoint-form';
import { EndpointControls, RedeliverButton } from './endpoint-controls';

export const metadata: Metadata = { title: 'Webhooks' };

const DISABLED_BECAUSE: Record<string, string> = {
  admin: 'Disabled by an admin.',
  failing_for_a_day: 'Disabled by Portico: every delivery failed for a day. Fix the receiver, then enable it.',
  gone: 'Disabled by Portico: the endpoint answered 410 Gone.',
};

const STATUS_TONE: Record<string, BadgeTone> = { succeeded: 'success', failed: 'danger', retrying: 'warning', pending: 'neutral' };

export default async function WebhooksPage() {
  const member = await requireOrgMember();
  const intro = (
    <div>
      <h1 className="text-lg font-semibold">Webhooks</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Portico posts connection events (authorized, needs reconnect, health changed, mapping saved, …) to your endpoints, signed as the Standard
        Webhooks specification says. Verify each delivery with the endpoint’s secret and any Standard Webhooks library. Failed deliveries are retried
        for about a day; events can arrive out of order or twice, so dedupe on the <code>webhook-id</code> header.
      </p>
    </div>
  );
  if (!isAdmin(member)) {
    return (
      <div className="space-y-6">
        {intro}
        <WarningNotice>Only organization admins can see and manage webhook endpoints. Ask an admin if you need one.</WarningNotice>
      </div>
    );
  }
  const endpoints = await listWebhookEndpoints(member.orgId);
  const logs = await Promise.all(endpoints.map((endpoint) => listEndpointDeliveries(member.orgId, endpoint.id, 20)));
  return (
    <div className="space-y-6">
      {intro}
      <CreateEndpointForm />
      <section aria-labelledby="endpoints-title" className="space-y-4">
        <h2 id="endpoints-title" className="font-semibold">
          Endpoints
        </h2>
        {endpoints.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No endpoints yet.</p> : null}
        {endpoints.map((endpoint, index) => (
          <EndpointCard key={endpoint.id} endpoint={endpoint} deliveries={logs[index] ?? []} />
        ))}
      </section>
    </div>
  );
}

function EndpointCard({ endpoint, deliveries }: { endpoint: WebhookEndpointSummary; deliveries: EndpointDelivery[] }) {
  return (
    <article aria-label={`Endpoint ${endpoint.url}`} className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="break-all font-mono text-sm font-medium">{endpoint.url}</p>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{endpoint.eventTypes.join(', ')}</p>
        </div>
        {endpoint.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="danger">Disabled</Badge>}
      </div>
      {!endpoint.enabled && endpoint.disabledReason ? <p className="text-sm text-zinc-700 dark:text-zinc-300">{DISABLED_BECAUSE[endpoint.disabledReason]}</p> : null}
      {endpoint.enabled && endpoint.failingSince ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Failing since <LocalTime date={endpoint.failingSince.toISOString()} /> ({plural(endpoint.consecutiveFailures, 'failed attempt')}). Portico disables it after a day of failures.
        </p>
      ) : null}
      <EndpointControls endpointId={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
      <DeliveryLog endpointId={endpoint.id} deliveries={deliveries} />
    </article>
  );
}

function DeliveryLog({ endpointId, deliveries }: { endpointId: string; deliveries: EndpointDelivery[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No deliveries yet. Send a test event to try the endpoint.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Delivery log">
        <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">Event</th>
            <th scope="col" className="px-2 py-2 font-medium">Status</th>
            <th scope="col" className="px-2 py-2 font-medium">Response</th>
            <th scope="col" className="px-2 py-2 font-medium">Latency</th>
            <th scope="col" className="px-2 py-2 font-medium">Attempt</th>
            <th scope="col" className="px-2 py-2 font-medium">When</th>
            <th scope="col" className="px-2 py-2 font-medium"><span className="sr-only">Action</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td className="px-2 py-2 font-mono text-xs">{delivery.eventType}</td>
              <td className="px-2 py-2">
                <Badge tone={STATUS_TONE[delivery.status] ?? 'neutral'}>{delivery.status}</Badge>
              </td>
              <td className="px-2 py-2">{delivery.lastStatusCode ?? (delivery.lastError ? describeDeliveryError(delivery.lastError) : '—')}</td>
              <td className="px-2 py-2">{delivery.lastLatencyMs === null ? '—' : `${delivery.lastLatencyMs} ms`}</td>
              <td className="px-2 py-2">{delivery.attempts}</td>
              <td className="px-2 py-2">
                <LocalTime date={(delivery.lastAttemptAt ?? delivery.createdAt).toISOString()} />
              </td>
              <td className="px-2 py-2 text-right">
                <RedeliverButton endpointId={endpointId} deliveryId={delivery.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
