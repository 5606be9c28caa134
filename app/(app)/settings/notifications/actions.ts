'use server';

import { redirect } from 'next/navigation';
import { replacePreferences } from '@/db/queries/notifications';
import { getCurrentMember } from '@/lib/auth/guards';
import { preferencesFormSchema, preferencesFromForm } from '@/lib/notifications/preferences';
import { NOTIFYING_EVENT_TYPES } from '@/lib/notifications/rules';

/** A person's own choices (any member may set theirs); every type is stored, so later default changes do not flip them. */
export async function saveNotificationPreferencesAction(form: FormData): Promise<void> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  const parsed = preferencesFormSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) redirect('/settings/notifications?error=1');
  const chosen = preferencesFromForm(parsed.data);
  await replacePreferences(
    member.orgId,
    member.userId,
    NOTIFYING_EVENT_TYPES.map((eventType) => ({ eventType, ...chosen[eventType] })),
  );
  redirect('/settings/notifications?saved=1');
}
