'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/actions/admin-action';
import {
  createEndpointActionSchema,
  endpointIdSchema,
  redeliverActionSchema,
  setEndpointEnabledSchema,
} from '@/lib/outbound-webhooks/endpoint-schemas';
import { createEndpoint, deleteEndpoint, redeliver, rotateSecret, sendTestEvent, updateEndpoint } from '@/lib/outbound-webhooks/manage-endpoints';

const PAGE = '/settings/webhooks';
const GONE = 'This endpoint no longer exists. Reload the page.';

/** Returns the signing secret once; the page shows it and it is never shown again. */
export const createWebhookEndpointAction = adminAction(createEndpointActionSchema, async ({ url, eventTypes }, member) => {
  const created = await createEndpoint(member.orgId, { url, event_types: eventTypes, description: '' }, { userId: member.userId, apiKeyId: null });
  if (!created.ok) return { ok: false, error: created.problem.message, fieldErrors: { url: [created.problem.message] } };
  revalidatePath(PAGE);
  return { ok: true, data: { secret: created.secret, url: created.endpoint.url } };
});

export const setWebhookEndpointEnabledAction = adminAction(setEndpointEnabledSchema, async ({ endpointId, enabled }, member) => {
  const updated = await updateEndpoint(member.orgId, endpointId, { enabled });
  if (!updated.ok || !updated.endpoint) return { ok: false, error: GONE };
  revalidatePath(PAGE);
  return { ok: true, data: undefined, message: enabled ? 'Enabled: new events are delivered again.' : 'Disabled: no new deliveries until you enable it.' };
});

export const rotateWebhookSecretAction = adminAction(endpointIdSchema, async ({ endpointId }, member) => {
  const rotated = await rotateSecret(member.orgId, endpointId, 24);
  if (!rotated) return { ok: false, error: GONE };
  revalidatePath(PAGE);
  return { ok: true, data: { secret: rotated.secret } };
});

export const sendTestWebhookAction = adminAction(endpointIdSchema, async ({ endpointId }, member) => {
  const queued = await sendTestEvent(member.orgId, endpointId);
  if (!queued) return { ok: false, error: GONE };
  revalidatePath(PAGE);
  return { ok: true, data: undefined, message: 'Test event queued. It appears in the delivery log below.' };
});

export const redeliverWebhookAction = adminAction(redeliverActionSchema, async ({ endpointId, deliveryId }, member) => {
  if (!(await redeliver(member.orgId, endpointId, deliveryId))) return { ok: false, error: 'This delivery no longer exists. Reload the page.' };
  revalidatePath(PAGE);
  return { ok: true, data: undefined, message: 'Queued to be sent again.' };
});

export const deleteWebhookEndpointAction = adminAction(endpointIdSchema, async ({ endpointId }, member) => {
  if (!(await deleteEndpoint(member.orgId, endpointId))) return { ok: false, error: GONE };
  revalidatePath(PAGE);
  return { ok: true, data: undefined };
});
