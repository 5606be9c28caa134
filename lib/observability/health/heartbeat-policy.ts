export const HEARTBEAT_EVERY_MS = 30_000;
/** Three missed beats: one slow database round trip is not an outage. */
export const HEARTBEAT_STALE_AFTER_SECS = 90;
