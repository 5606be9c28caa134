// The header bell's popover (components/notifications/notification-popover.tsx): the signed-in person's latest
// notifications and unread count, in their current organization.
import { NextResponse } from 'next/server';
import { countUnread, listNotifications } from '@/db/queries/notifications';
import { getCurrentMember } from '@/lib/auth/guards';
import { jsonError } from '@/lib/http/json';
import { defineRoute } from '@/lib/http/route-handler';
import { BELL_LIMIT, toBellItem, type BellList } from '@/lib/notifications/bell';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({ route: '/api/notifications' }, { GET: latestNotifications });

async function latestNotifications() {
  const member = await getCurrentMember();
  if (!member) return jsonError(401, 'unauthenticated', 'Sign in to see your notifications.');
  const [rows, unread] = await Promise.all([listNotifications(member.orgId, member.userId, BELL_LIMIT), countUnread(member.orgId, member.userId)]);
  const body: BellList = { unread, items: rows.map(toBellItem) };
  return NextResponse.json(body, { headers: { 'cache-control': 'no-store' } });
}
