'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { markRead } from '@/db/queries/notifications';
import { getCurrentMember } from '@/lib/auth/guards';

const markOneSchema = z.object({ id: z.uuid() });

/** Each person marks only their own: the query filters on the session's organization and user. */
export async function markNotificationReadAction(form: FormData): Promise<void> {
  const member = await getCurrentMember();
  const parsed = markOneSchema.safeParse({ id: form.get('id') });
  if (!member || !parsed.success) return;
  await markRead(member.orgId, member.userId, [parsed.data.id]);
  revalidatePath('/', 'layout');
}

export async function markAllNotificationsReadAction(): Promise<void> {
  const member = await getCurrentMember();
  if (!member) return;
  await markRead(member.orgId, member.userId, 'all');
  revalidatePath('/', 'layout');
}
