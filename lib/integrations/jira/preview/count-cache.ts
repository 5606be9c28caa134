import 'server-only';
import { getFreshStatusCounts, saveStatusCounts } from '@/db/queries/jira-status-counts';
import type { CountCache } from './preview-mapping';

/**
 * How long a preview count is reused. Long enough that reopening the preview, switching tabs or a
 * second admin looking at the same filter costs no Jira call; short enough that the figures an
 * admin reads are minutes old at most (and they are labelled approximate anyway).
 */
export const PREVIEW_COUNT_MAX_AGE_MS = 3 * 60_000;

/** The connection's preview counts in PostgreSQL, so every Portico instance shares them. */
export function countCacheFor(orgId: string, connectionId: string, maxAgeMs = PREVIEW_COUNT_MAX_AGE_MS): CountCache {
  return {
    get: (scope, statusIds) => getFreshStatusCounts(orgId, connectionId, scope, statusIds, maxAgeMs),
    save: (scope, counts) => saveStatusCounts(orgId, connectionId, scope, counts),
  };
}
