import { z } from 'zod';

/** How many notifications the header's popover lists; the rest are on /notifications. */
export const BELL_LIMIT = 8;

/** One row of the bell's popover: what broke, the one thing to do, and where it is done. */
export const bellItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** One line: the fix while it needs action, a reassurance once it recovered. */
  fix: z.string(),
  /** An in-app path. */
  link: z.string().startsWith('/'),
  needsAction: z.boolean(),
  lastEventAt: z.iso.datetime({ offset: true }),
  read: z.boolean(),
});
export type BellItem = z.infer<typeof bellItemSchema>;

/** GET /api/notifications: the popover's list and the unread count, read in one request. */
export const bellListSchema = z.object({ unread: z.number().int().nonnegative(), items: z.array(bellItemSchema) });
export type BellList = z.infer<typeof bellListSchema>;

/** POST /api/notifications/read: some of the person's notifications, or all of them. */
export const markReadRequestSchema = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(BELL_LIMIT * 4) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadRequest = z.infer<typeof markReadRequestSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int().nonnegative() });

export const RESOLVED_FIX = 'It recovered; nothing to do now.';

interface NotificationRow {
  id: string;
  title: string;
  remedy: string;
  link: string;
  state: string;
  lastEventAt: Date;
  readAt: Date | null;
}

/** The browser's summary of a stored notification: no diagnosis text, no ids beyond its own. */
export function toBellItem(row: NotificationRow): BellItem {
  return {
    id: row.id,
    title: row.title,
    fix: row.state === 'resolved' ? RESOLVED_FIX : row.remedy,
    link: row.link,
    needsAction: row.state === 'open',
    lastEventAt: row.lastEventAt.toISOString(),
    read: row.readAt !== null,
  };
}
