import { z } from 'zod';
import { STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';

/* A connection's sync as /api/v1 shows it (GET and PATCH of a connection, POST …/sync). Pure. */

const isoDate = z.iso.datetime({ offset: true });

export const syncStates = ['not_started', 'backfilling', 'up_to_date', 'paused', 'failing', 'disconnected'] as const;

export const webhookStatuses = ['registered', 'not_registered', 'missing_scope', 'unreachable_base_url', 'failed'] as const;

export const webhookStateSchema = z
  .strictObject({
    status: z.enum(webhookStatuses).meta({
      description:
        'registered: Jira sends changes within seconds (polling still runs as a safety net); not_registered, missing_scope (the grant lacks manage:jira-webhook), unreachable_base_url (Atlassian cannot reach PORTICO_BASE_URL), failed: Portico polls only, see `reason`.',
    }),
    reason: z.string().nullable().meta({ description: 'Why webhooks are not in force and what to do; null when registered.' }),
    expires_at: isoDate.nullable().meta({ description: 'When the earliest registration expires (Jira keeps one 30 days; Portico refreshes it before).' }),
    last_delivery_at: isoDate.nullable(),
    deliveries_last_24h: z.int().meta({ description: 'Deliveries received for this connection in the last 24 hours.' }),
  })
  .meta({ id: 'WebhookState' });
export type WebhookStateResponse = z.infer<typeof webhookStateSchema>;

const count = z.int().nullable();

export const reconciliationSchema = z
  .strictObject({
    state: z.enum(['running', 'completed', 'failed']),
    trigger: z.enum(['schedule', 'admin', 'api']).meta({ description: 'schedule: the daily run; admin: Reconcile now in the console; api: POST …/reconcile.' }),
    started_at: isoDate,
    completed_at: isoDate.nullable(),
    in_jira: count.meta({ description: 'Issues Jira lists for the connection’s filter.' }),
    in_portico: count.meta({ description: 'Current tickets Portico held when the run began.' }),
    missing: count.meta({ description: 'Current tickets Jira no longer lists (deleted, moved out of the filter, or hidden): marked deleted, unless `error` says the run deleted nothing.' }),
    extra: count.meta({ description: 'Issues Jira lists that Portico lacked: fetched by the run, unless `error` says it stopped.' }),
    examples: z.strictObject({ missing: z.array(z.string()), extra: z.array(z.string()) }).meta({ description: 'A few issue keys of each.' }),
    error: z.strictObject({ kind: z.string(), message: z.string() }).nullable().meta({ description: 'Why the run failed or deleted nothing; null when it completed.' }),
  })
  .meta({ id: 'Reconciliation', description: 'The latest comparison of Jira’s issue ids with Portico’s tickets (daily, and on demand).' });
export type ReconciliationResponse = z.infer<typeof reconciliationSchema>;

export const syncStateSchema = z
  .strictObject({
    state: z.enum(syncStates).meta({
      description:
        'not_started: waiting for its first run; backfilling: reading every issue of the filtered projects; up_to_date: polling every `refresh_interval_secs`; paused: no Jira call until resumed; failing: the last runs failed (see `failure`); disconnected: the connection is not authorized.',
    }),
    paused: z.boolean().meta({ description: 'Set with PATCH /connections/{connectionId} `{"paused": true}`; while true, Portico makes no Jira call for this connection.' }),
    backfill: z.strictObject({
      done: z.int().meta({ description: 'Issues read so far by the current (or last) backfill.' }),
      total_estimate: z.int().nullable().meta({ description: 'Jira’s approximate count of the issues to read; null until known.' }),
      started_at: isoDate.nullable(),
      completed_at: isoDate.nullable(),
    }),
    last_success_at: isoDate.nullable(),
    next_sync_at: isoDate.nullable(),
    failure: z
      .strictObject({ kind: z.string(), message: z.string(), remedy: z.string(), since: isoDate.nullable() })
      .nullable()
      .meta({ description: 'Why the sync fails and what to do; null while it works.' }),
    ticket_count: z.int().meta({ description: 'Current tickets of this connection (deleted and out-of-scope ones excluded).' }),
    counts_by_status: z.record(z.enum(STANDARD_STATUSES), z.int()).meta({ description: 'Current tickets per standard status (every status present, 0 when none).' }),
    webhooks: webhookStateSchema,
    reconciliation: reconciliationSchema.nullable().meta({ description: 'The latest reconciliation; null before the first.' }),
  })
  .meta({ id: 'SyncState' });
export type SyncStateResponse = z.infer<typeof syncStateSchema>;

export const syncNowResponseSchema = z.strictObject({ sync: syncStateSchema }).meta({ id: 'SyncStarted' });

export const reconcileResponseSchema = z.strictObject({ sync: syncStateSchema }).meta({ id: 'ReconcileStarted' });
