import { z } from 'zod';

/*
 * Keyset pagination over (jira_updated_at desc, id asc). A cursor names the last (or first) row a page showed:
 * its update time as PostgreSQL holds it (microseconds, which a JS Date would round away and so skip or repeat
 * rows sharing a millisecond) and its id. Opaque to clients: base64url of a small JSON array.
 */

export interface TicketCursorKey {
  /** jira_updated_at as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  updatedAt: string;
  id: string;
}

const keySchema = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), z.uuid()]);

export function encodeTicketCursor(key: TicketCursorKey): string {
  return Buffer.from(JSON.stringify([key.updatedAt, key.id])).toString('base64url');
}

/** Undefined for anything this module did not produce (edited, truncated, from another API). */
export function decodeTicketCursor(cursor: string): TicketCursorKey | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  try {
    const parsed = keySchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { updatedAt: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}
