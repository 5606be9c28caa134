// The header bell's "Mark all read" and the mark-one-read on opening a notification's link: the session's own
// notifications only (markRead filters on its organization and user), answering the new unread count.
import { NextResponse } from 'next/server';
import { countUnread, markRead } from '@/db/queries/notifications';
import { getCurrentMember } from '@/lib/auth/guards';
import { jsonError } from '@/lib/http/json';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { defineRoute } from '@/lib/http/route-handler';
import { markReadRequestSchema } from '@/lib/notifications/bell';

const MAX_BODY_BYTES = 4 * 1024;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/notifications/read', checkOrigin: true },
  { POST: markNotificationsRead },
);

async function markNotificationsRead(request: Request) {
  const member = await getCurrentMember();
  if (!member) return jsonError(401, 'unauthenticated', 'Sign in to see your notifications.');
  const read = await readLimitedJson(request, MAX_BODY_BYTES);
  if ('response' in read) return read.response;
  const parsed = markReadRequestSchema.safeParse(read.body);
  if (!parsed.success) return jsonError(422, 'invalid_request', 'Name the notifications to mark read, or all of them. Reload the page and try again.');
  await markRead(member.orgId, member.userId, 'all' in parsed.data ? 'all' : parsed.data.ids);
  return NextResponse.json({ unread: await countUnread(member.orgId, member.userId) }, { headers: { 'cache-control': 'no-store' } });
}
