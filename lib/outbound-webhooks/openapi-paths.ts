import type { z } from 'zod';
import { CONNECTION_EVENT_TYPES } from '@/lib/events/event-types';
import {
  queuedDeliverySchema,
  redeliveryQueuedSchema,
  webhookDeliveryListSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from './api-schemas';
import { createEndpointSchema, rotateSecretSchema, updateEndpointSchema } from './endpoint-schemas';

type Helpers = {
  json: (schema: z.ZodType, description: string) => object;
  error: (description: string) => object;
  body: (schema: z.ZodType) => object;
  common: Record<string, object>;
  badBody: Record<string, object>;
};

const endpointParam = { name: 'endpointId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const deliveryParam = { name: 'deliveryId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

export const WEBHOOKS_DESCRIPTION = `Portico posts connection events to your endpoints, signed as the Standard Webhooks specification says (\`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`; verify with any Standard Webhooks library and the endpoint's \`whsec_\` secret). Event types: ${CONNECTION_EVENT_TYPES.map((type) => `\`${type}\``).join(', ')}. Failed deliveries are retried with exponential back-off for about a day (on 5xx, 429, timeouts and refused connections; a 2xx ends them). Ordering is not guaranteed and a delivery may arrive more than once: dedupe on \`webhook-id\`. An endpoint that fails every attempt for a day is disabled.`;

/** The /webhook-endpoints paths of the OpenAPI document (lib/api/v1/openapi.ts adds them with its helpers). */
export function webhookEndpointPaths({ json, error, body, common, badBody }: Helpers) {
  const notFound = { '404': error('No such webhook endpoint in the key’s organization (`not_found`).') };
  const refusedUrl = {
    ...badBody,
    '422': error('A field is invalid (`validation_failed`), or the URL is refused: not http(s), with credentials, or a private, loopback or link-local address (`field` "url").'),
  };
  return {
    '/webhook-endpoints': {
      get: {
        operationId: 'listWebhookEndpoints',
        summary: 'List the organization’s webhook endpoints',
        description: WEBHOOKS_DESCRIPTION,
        responses: { '200': json(webhookEndpointListSchema, 'Every endpoint of the key’s organization.'), ...common },
      },
      post: {
        operationId: 'createWebhookEndpoint',
        summary: 'Create a webhook endpoint (its signing secret is shown this once)',
        requestBody: body(createEndpointSchema),
        responses: { '201': json(webhookEndpointWithSecretSchema, 'Created; keep `secret`, it is not shown again.'), ...refusedUrl, ...common },
      },
    },
    '/webhook-endpoints/{endpointId}': {
      parameters: [endpointParam],
      get: { operationId: 'getWebhookEndpoint', summary: 'Read one webhook endpoint', responses: { '200': json(webhookEndpointSchema, 'The endpoint.'), ...notFound, ...common } },
      patch: {
        operationId: 'updateWebhookEndpoint',
        summary: 'Change the URL, event types or description, or enable/disable',
        description: 'Enabling an endpoint Portico disabled clears its failing streak.',
        requestBody: body(updateEndpointSchema),
        responses: { '200': json(webhookEndpointSchema, 'The updated endpoint.'), ...refusedUrl, ...notFound, ...common },
      },
      delete: { operationId: 'deleteWebhookEndpoint', summary: 'Delete a webhook endpoint and its delivery log', responses: { '204': { description: 'Deleted.' }, ...notFound, ...common } },
    },
    '/webhook-endpoints/{endpointId}/rotate-secret': {
      parameters: [endpointParam],
      post: {
        operationId: 'rotateWebhookSecret',
        summary: 'Rotate the signing secret',
        description: 'The previous secret keeps signing beside the new one (two signatures in `webhook-signature`) for `overlap_hours` (default 24).',
        requestBody: body(rotateSecretSchema),
        responses: { '200': json(webhookEndpointWithSecretSchema, 'The new secret, shown this once.'), ...badBody, ...notFound, ...common },
      },
    },
    '/webhook-endpoints/{endpointId}/test': {
      parameters: [endpointParam],
      post: {
        operationId: 'sendTestWebhook',
        summary: 'Send a `webhook.test` event to this endpoint',
        responses: { '202': json(queuedDeliverySchema, 'Queued; follow it in the delivery log.'), ...notFound, ...common },
      },
    },
    '/webhook-endpoints/{endpointId}/deliveries': {
      parameters: [endpointParam],
      get: {
        operationId: 'listWebhookDeliveries',
        summary: 'The endpoint’s delivery log (newest 100)',
        responses: { '200': json(webhookDeliveryListSchema, 'Deliveries, newest first.'), ...notFound, ...common },
      },
    },
    '/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver': {
      parameters: [endpointParam, deliveryParam],
      post: {
        operationId: 'redeliverWebhook',
        summary: 'Send a delivery again now (same `webhook-id`)',
        responses: { '202': json(redeliveryQueuedSchema, 'Queued.'), '404': error('No such delivery for this endpoint (`not_found`).'), ...common },
      },
    },
  };
}
