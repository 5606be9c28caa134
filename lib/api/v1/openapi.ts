import { z } from 'zod';
import {
  authorizeUrlSchema,
  connectionListSchema,
  connectionSchema,
  createConnectionSchema,
  diagnosticsResponseSchema,
  errorSchema,
  pingSchema,
  updateConnectionSchema,
} from './schemas';
import { DIAGNOSTICS_COOLDOWN_SECS } from './diagnostics-cooldown';
import { reconcileResponseSchema, syncNowResponseSchema } from './sync-schemas';
import { ticketListQuerySchema, ticketListSchema, ticketSchema } from './ticket-schemas';
import { webhookEndpointPaths } from '@/lib/outbound-webhooks/openapi-paths';

/*
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that validate requests (zod 4's
 * z.toJSONSchema, draft 2020-12, which OpenAPI 3.1 uses as its schema dialect). Requests are described as
 * accepted (io: input, before transforms); responses as sent (io: output). Pure, and built once.
 */

type JsonSchema = Record<string, unknown>;
const components: Record<string, JsonSchema> = {};

/** Converts one schema, hoisting its named ($defs) parts into components and rewriting the references. */
function ref(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [
          key,
          key === '$ref' && typeof inner === 'string' ? inner.replace('#/$defs/', '#/components/schemas/') : rewrite(inner),
        ]),
      );
    }
    return value;
  };
  const { $defs = {}, $schema: _dialect, ...root } = converted;
  for (const [name, definition] of Object.entries($defs)) components[name] = rewrite(definition) as JsonSchema;
  return rewrite(root) as JsonSchema;
}

const json = (schema: z.ZodType, description: string, io: 'input' | 'output' = 'output') => ({
  description,
  content: { 'application/json': { schema: ref(schema, io) } },
});

const error = (description: string) => json(errorSchema, description);
const common = {
  '401': error('Missing, malformed or revoked API key (`unauthenticated`).'),
  '429': {
    ...error('Too many requests with this key, or without a valid key from this address (`rate_limited`). Wait for `Retry-After` seconds.'),
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
  },
  '500': error('Unexpected failure (`internal_error`).'),
};
const notFound = { '404': error('No such connection in the key’s organization (`not_found`).') };
const badBody = {
  '400': error('The body is not JSON (`invalid_json`).'),
  '413': error('The body is larger than 64 KiB (`payload_too_large`).'),
  '415': error('The body is not declared as application/json (`unsupported_media_type`).'),
  '422': error('A field is invalid, unknown or of the wrong type (`validation_failed`); `field` names the first, `details` all.'),
};
const idParam = [{ name: 'connectionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: ref(schema, 'input') } } });

/** A query-string schema as OpenAPI parameters: each property one optional `in: query` parameter. */
function queryParameters(schema: z.ZodObject) {
  const { properties = {} } = ref(schema, 'input') as { properties?: Record<string, JsonSchema & { description?: string }> };
  return Object.entries(properties).map(([name, { description, ...parameterSchema }]) => ({
    name,
    in: 'query',
    required: false,
    ...(description ? { description } : {}),
    schema: parameterSchema,
  }));
}

const rateLimitHeaders = {
  'RateLimit-Limit': { description: 'Requests this key may send per minute.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current minute.', schema: { type: 'integer' } },
};

/**
 * Every answer to a request that passed the key check carries the limit headers (apiRoute sets them), so
 * every response but 401 and 500 of an operation that needs a key documents them.
 */
function withRateLimitHeaders<Paths extends Record<string, Record<string, unknown>>>(paths: Paths): Paths {
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item) as { security?: unknown[]; responses?: Record<string, { headers?: object }> }[]) {
      if (!operation.responses || operation.security?.length === 0) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status !== '401' && status !== '500') operation.responses[status] = { ...response, headers: { ...response.headers, ...rateLimitHeaders } };
      }
    }
  }
  return paths;
}

function buildDocument(ratePerMinute: number) {
  const paths = {
    '/connections': {
      get: {
        operationId: 'listConnections',
        summary: 'List the organization’s connections',
        responses: { '200': json(connectionListSchema, 'Every connection of the key’s organization.'), ...common },
      },
      post: {
        operationId: 'createConnection',
        summary: 'Create a Jira connection and get its authorize link',
        requestBody: body(createConnectionSchema),
        responses: {
          '201': {
            ...json(connectionSchema, 'Created, waiting for authorization; `oauth2_authorize_url` is set (24 hours, single use).'),
            headers: { Location: { description: 'The new connection: `/api/v1/connections/{id}`.', schema: { type: 'string' } } },
          },
          ...badBody,
          ...common,
        },
      },
    },
    '/connections/{connectionId}': {
      parameters: idParam,
      get: { operationId: 'getConnection', summary: 'Read one connection', responses: { '200': json(connectionSchema, 'The connection.'), ...notFound, ...common } },
      patch: {
        operationId: 'updateConnection',
        summary: 'Change options or intervals',
        description:
          'Send an `Idempotency-Key` header (a new UUID per change) to make retries safe: a retry with the same key and body within 24 hours gets the first answer back, even if that answer was lost on the way; the same key with a different body is refused.',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'A client-generated key for this change (1 to 255 printable ASCII characters, a UUID is best), unique per organization for 24 hours.',
            schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
          },
        ],
        requestBody: body(updateConnectionSchema),
        responses: {
          '200': json(connectionSchema, 'The updated connection (or, for a retried `Idempotency-Key`, the first answer).'),
          ...badBody,
          '422': error(
            'A field is invalid, unknown or of the wrong type (`validation_failed`; also a malformed `Idempotency-Key`, with `field` "Idempotency-Key"), or the `Idempotency-Key` was already used with a different body (`idempotency_key_reused`).',
          ),
          ...notFound,
          '409': error('The configuration changed while saving (`conflict`).'),
          ...common,
        },
      },
      delete: {
        operationId: 'deleteConnection',
        summary: 'Delete a connection (its tokens too, if no other site uses them)',
        responses: { '204': { description: 'Deleted.' }, ...notFound, ...common },
      },
    },
    '/connections/{connectionId}/authorize-url': {
      parameters: idParam,
      post: {
        operationId: 'reissueAuthorizeUrl',
        summary: 'Issue a new authorize link (earlier unused links stop working)',
        responses: { '201': json(authorizeUrlSchema, 'The new link.'), ...notFound, ...common },
      },
    },
    '/connections/{connectionId}/diagnostics': {
      parameters: idParam,
      get: {
        operationId: 'getDiagnostics',
        summary: 'Latest diagnostics results',
        responses: { '200': json(diagnosticsResponseSchema, 'The latest run, or null.'), ...notFound, ...common },
      },
      post: {
        operationId: 'runDiagnostics',
        summary: 'Run diagnostics now',
        description: `At most one run per connection every ${DIAGNOSTICS_COOLDOWN_SECS} seconds: a run renews the connection's Atlassian tokens.`,
        responses: {
          '201': json(diagnosticsResponseSchema, 'The new run.'),
          ...notFound,
          ...common,
          '429': {
            ...error(
              `Too many requests with this key, or this connection's diagnostics ran less than ${DIAGNOSTICS_COOLDOWN_SECS} seconds ago (\`rate_limited\`; GET returns that run). Wait for \`Retry-After\` seconds.`,
            ),
            headers: common['429'].headers,
          },
        },
      },
    },
    '/connections/{connectionId}/sync': {
      parameters: idParam,
      post: {
        operationId: 'syncNow',
        summary: 'Sync the connection’s issues now',
        description:
          'Starts an incremental sync (or lets the running backfill continue) without waiting for `refresh_interval_secs`. Returns at once; follow `sync` in GET /connections/{connectionId}.',
        responses: {
          '202': json(syncNowResponseSchema, 'Accepted: the sync is queued or already running.'),
          '409': error('The sync is paused, or the connection is not connected to Jira (`conflict`); the message says what to do.'),
          ...notFound,
          ...common,
        },
      },
    },
    '/connections/{connectionId}/reconcile': {
      parameters: idParam,
      post: {
        operationId: 'reconcileNow',
        summary: 'Reconcile the connection’s issues with Jira now',
        description:
          'Compares the ids of every issue Jira lists for the connection’s filter with Portico’s current tickets: tickets Jira no longer lists are marked deleted, issues Portico lacks are fetched. Runs daily on its own; this runs it now, in the background. Follow `sync.reconciliation` in GET /connections/{connectionId} for the report.',
        responses: {
          '202': json(reconcileResponseSchema, 'Accepted: the reconciliation is queued or already running.'),
          '409': error('The connection cannot be reconciled now: not connected, paused, still backfilling, or its filter changed since the last sync (`conflict`); the message says what to do.'),
          ...notFound,
          ...common,
        },
      },
    },
    '/tickets': {
      get: {
        operationId: 'listTickets',
        summary: 'List the organization’s tickets (synced Jira issues)',
        description:
          'Newest update first. Page with `next_cursor`: pass it as `cursor`, with the same filters, until it is null. Deleted issues and issues that left the project filter are left out unless asked for.',
        parameters: queryParameters(ticketListQuerySchema),
        responses: {
          '200': json(ticketListSchema, 'One page of tickets.'),
          '422': error('A parameter is invalid, unknown or given twice (`validation_failed`); `field` names it.'),
          ...common,
        },
      },
    },
    '/tickets/{ticketId}': {
      parameters: [{ name: 'ticketId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      get: {
        operationId: 'getTicket',
        summary: 'Read one ticket',
        description: 'Deleted and out-of-scope tickets are returned too, with `deleted_at` and `in_scope`.',
        responses: {
          '200': json(ticketSchema, 'The ticket.'),
          '404': error('No such ticket in the key’s organization (`not_found`).'),
          ...common,
        },
      },
    },
    ...webhookEndpointPaths({ json, error, body, common, badBody }),
    '/ping': {
      get: { operationId: 'ping', summary: 'Liveness (no key needed)', security: [], responses: { '200': json(pingSchema, 'Alive.') } },
    },
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Portico API',
      version: '1.0.0',
      description:
        `Create Jira connections for your tenants and send their admins a link to authorize. Authenticate with an organization API key: \`Authorization: Bearer ptk_…\`. ${ratePerMinute} requests per minute per key; every answer to an authenticated request carries \`RateLimit-Limit\` and \`RateLimit-Remaining\`.`,
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    paths: withRateLimitHeaders(paths),
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An organization API key (Settings › API keys).' } },
      schemas: components,
    },
  };
}

const cache = new Map<number, ReturnType<typeof buildDocument>>();

/** The document for the configured per-key limit (PORTICO_API_RATE_LIMIT_PER_MINUTE), built once per value. */
export function openApiDocument(ratePerMinute: number) {
  let document = cache.get(ratePerMinute);
  if (!document) {
    document = buildDocument(ratePerMinute);
    cache.set(ratePerMinute, document);
  }
  return document;
}
