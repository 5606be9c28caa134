// The bell's poll (components/notifications/notification-bell.tsx): the signed-in person's unread count, nothing else.
import { NextResponse } from 'next/server';
import { countUnread } from '@/db/queries/notifications';
import { getCurrentMember } from '@/lib/auth/guards';
import { defineRoute } from '@/lib/http/route-handler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({ route: '/api/notifications/unread' }, { GET: unreadCount });

async function unreadCount() {
  const member = await getCurrentMember();
  if (!member) return NextResponse.json({ error: 'Sign in to see your notifications.' }, { status: 401 });
  return NextResponse.json({ unread: await countUnread(member.orgId, member.userId) }, { headers: { 'cache-control': 'no-store' } });
}
