import { z } from 'zod';

/** How often a connection's incremental sync polls Jira: 15 minutes unless an admin says otherwise. */
export const DEFAULT_REFRESH_INTERVAL_SECS = 900;
/** Below a minute, polls would mostly return nothing while costing rate limit; above a day, tickets go stale. */
export const MIN_REFRESH_INTERVAL_SECS = 60;
export const MAX_REFRESH_INTERVAL_SECS = 86_400;

export const refreshIntervalSchema = z
  .int({ error: 'The refresh interval is a whole number of seconds.' })
  .min(MIN_REFRESH_INTERVAL_SECS, { error: `The refresh interval is at least ${MIN_REFRESH_INTERVAL_SECS} seconds (1 minute).` })
  .max(MAX_REFRESH_INTERVAL_SECS, { error: `The refresh interval is at most ${MAX_REFRESH_INTERVAL_SECS} seconds (24 hours).` });
