import { z } from 'zod';
import { STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';

/* A connection's sync as /api/v1 shows it (GET and PATCH of a connection, POST …/sync). Pure. */

const isoDate = z.iso.datetime({ offset: true });

export const syncStates = ['not_started', 'backfilling', 'up_to_date', 'paused', 'failing', 'disconnected'] as const;

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
  })
  .meta({ id: 'SyncState' });
export type SyncStateResponse = z.infer<typeof syncStateSchema>;

export const syncNowResponseSchema = z.strictObject({ sync: syncStateSchema }).meta({ id: 'SyncStarted' });
