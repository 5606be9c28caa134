'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentMember } from '@/lib/auth/guards';
import { completePendingAuthorization, discardPendingAuthorization, getPendingAuthorization } from '@/lib/integrations/jira/connect/pending-authorization';

const choiceSchema = z.object({
  pendingId: z.uuid(),
  cloudId: z.string().min(1).max(100),
  intent: z.enum(['connect', 'reconnect']).catch('connect'),
});

/** Form actions of the site picker: progressive forms, so they redirect rather than return. */
export async function chooseJiraSite(formData: FormData): Promise<void> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  if (member.role !== 'admin') redirect('/settings/integrations?jira=admin_only');
  const choice = choiceSchema.safeParse({ pendingId: formData.get('pendingId'), cloudId: formData.get('cloudId'), intent: formData.get('intent') });
  if (!choice.success) redirect('/settings/integrations?jira=pending_expired');
  // A connected site chosen from a button that said "Connect" would be a silent reconnect: ask on the picker first.
  const pending = await getPendingAuthorization(member, choice.data.pendingId);
  const isReconnectTarget = pending?.reconnecting?.cloudId === choice.data.cloudId;
  if (pending && !isReconnectTarget && pending.connected.includes(choice.data.cloudId) && choice.data.intent !== 'reconnect') {
    redirect(`/settings/integrations/jira/select-site/${choice.data.pendingId}?confirm=${encodeURIComponent(choice.data.cloudId)}`);
  }
  const result = await completePendingAuthorization(member, choice.data.pendingId, choice.data.cloudId);
  redirect(result.connectionId ? `/settings/integrations/jira/${result.connectionId}?jira=${result.outcome}` : `/settings/integrations?jira=${result.outcome}`);
}

export async function cancelJiraSiteChoice(formData: FormData): Promise<void> {
  const member = await getCurrentMember();
  const pendingId = z.uuid().safeParse(formData.get('pendingId'));
  if (member && pendingId.success) await discardPendingAuthorization(member, pendingId.data);
  redirect('/settings/integrations?jira=cancelled');
}
