import { z } from 'zod';
import { CONNECTION_EVENT_TYPES } from '@/lib/events/event-types';

/** Pure: the REST API and the settings page parse endpoint input with these. */
export const endpointUrlSchema = z.string().trim().min(1, 'Enter the URL Portico should post to.').max(2000, 'Use a URL of at most 2,000 characters.');

export const endpointEventTypesSchema = z
  .array(z.enum(CONNECTION_EVENT_TYPES, { error: `Use event types from: ${CONNECTION_EVENT_TYPES.join(', ')}.` }))
  .min(1, 'Choose at least one event type.')
  .transform((types) => [...new Set(types)]);

export const createEndpointSchema = z.strictObject({
  url: endpointUrlSchema,
  event_types: endpointEventTypesSchema,
  description: z.string().trim().max(200).default(''),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .strictObject({
    url: endpointUrlSchema.optional(),
    event_types: endpointEventTypesSchema.optional(),
    description: z.string().trim().max(200).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'Send at least one field to change.');
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

/** Hours the previous secret keeps signing after a rotation (0 ends it at once; at most a week). */
export const rotateSecretSchema = z.strictObject({
  overlap_hours: z.int().min(0).max(168).default(24),
});

/** Server actions of Settings › Webhooks. */
export const createEndpointActionSchema = z.strictObject({ url: endpointUrlSchema, eventTypes: endpointEventTypesSchema });
export const endpointIdSchema = z.strictObject({ endpointId: z.uuid() });
export const setEndpointEnabledSchema = z.strictObject({ endpointId: z.uuid(), enabled: z.boolean() });
export const redeliverActionSchema = z.strictObject({ endpointId: z.uuid(), deliveryId: z.uuid() });
