'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { WebhookStateResponse } from '@/lib/api/v1/sync-schemas';
import { DETAIL_LIST } from '@/components/ui/detail-list';

const STATUS: Record<WebhookStateResponse['status'], { label: string; tone: BadgeTone }> = {
  registered: { label: 'Registered', tone: 'success' },
  not_registered: { label: 'Not registered', tone: 'neutral' },
  missing_scope: { label: 'Missing scope', tone: 'warning' },
  unreachable_base_url: { label: 'Not reachable by Atlassian', tone: 'warning' },
  failed: { label: 'Registration failed', tone: 'danger' },
};

const number = new Intl.NumberFormat('en');

/** Webhooks: Jira's changes within seconds when registered; otherwise why not (Portico then polls only). */
export function WebhookState({ webhooks }: { webhooks: WebhookStateResponse }) {
  const status = STATUS[webhooks.status];
  return (
    <div aria-labelledby="webhooks-title" role="group" className="mt-6 border-t border-zinc-100 pt-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id="webhooks-title" className="text-sm font-semibold">Webhooks</h3>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <p className="mt-2 text-sm">
        {webhooks.status === 'registered'
          ? 'Jira sends changes to Portico within seconds. Polling still runs, in case a delivery is lost.'
          : `${webhooks.reason ?? 'Webhooks are not in force.'} Until then, changes arrive at each sync.`}
      </p>
      <dl className={`mt-3 ${DETAIL_LIST}`}>
        <dt className="text-zinc-600 dark:text-zinc-400">Registration expires</dt>
        <dd>{webhooks.expires_at ? <LocalTime date={webhooks.expires_at} /> : '—'}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Last delivery</dt>
        <dd>{webhooks.last_delivery_at ? <LocalTime date={webhooks.last_delivery_at} /> : 'None yet'}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Deliveries in the last 24 h</dt>
        <dd className="tabular-nums">{number.format(webhooks.deliveries_last_24h)}</dd>
      </dl>
    </div>
  );
}
