import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from './errors';
import { openApiDocument } from './openapi';

const text = () => JSON.stringify(openApiDocument(120));

describe('OpenAPI document', () => {
  it('documents the sync controls: the interval’s bounds, pause, the sync state and Sync now', () => {
    const schemas = openApiDocument(120).components.schemas as Record<string, { properties: Record<string, { description?: string; minimum?: number; maximum?: number }> }>;
    expect(schemas.UpdateConnectionRequest!.properties.refresh_interval_secs).toMatchObject({ minimum: 60, maximum: 86400 });
    expect(schemas.CreateConnectionRequest!.properties.refresh_interval_secs).toMatchObject({ minimum: 60, maximum: 86400 });
    expect(schemas.Connection!.properties.refresh_interval_secs!.description).toMatch(/takes effect at once/);
    expect(schemas.UpdateConnectionRequest!.properties.paused!.description).toMatch(/no Jira call/);
    expect(Object.keys(schemas.SyncState!.properties)).toEqual(expect.arrayContaining(['state', 'paused', 'backfill', 'last_success_at', 'next_sync_at', 'failure']));
    expect(text()).not.toContain('Portico itself does not sync issues');
    const paths = openApiDocument(120).paths as unknown as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths['/connections/{connectionId}/sync']!.post!.responses)).toEqual(expect.arrayContaining(['202', '404', '409']));
  });

  it('documents the webhook state, the reconciliation report and Reconcile now', () => {
    const schemas = openApiDocument(120).components.schemas as Record<string, { properties: Record<string, unknown>; required?: string[] }>;
    expect(Object.keys(schemas.SyncState!.properties)).toEqual(expect.arrayContaining(['webhooks', 'reconciliation']));
    expect(Object.keys(schemas.WebhookState!.properties)).toEqual(['status', 'reason', 'expires_at', 'last_delivery_at', 'deliveries_last_24h']);
    expect(schemas.Reconciliation!.required).toEqual(expect.arrayContaining(['in_jira', 'in_portico', 'missing', 'extra', 'examples', 'error']));
    const paths = openApiDocument(120).paths as unknown as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths['/connections/{connectionId}/reconcile']!.post!.responses)).toEqual(expect.arrayContaining(['202', '404', '409']));
  });

  it('documents the tickets: every filter of GET /tickets as a query parameter, and the ticket shape', () => {
    const paths = openApiDocument(120).paths as unknown as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    expect(paths['/tickets']!.get!.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(
      ['limit', 'cursor', 'connection_id', 'project_key', 'status', 'priority', 'updated_since', 'q', 'include_deleted', 'include_out_of_scope'].map((name) => `query:${name}`),
    );
    const ticket = openApiDocument(120).components.schemas.Ticket as { required: string[] };
    expect(ticket.required).toEqual(
      expect.arrayContaining(['id', 'connection_id', 'external_id', 'key', 'url', 'title', 'status', 'priority', 'vendor_attributes', 'assignee', 'reporter', 'created_at', 'updated_at', 'deleted_at']),
    );
  });

  it('states the configured per-key limit, not a fixed one', () => {
    expect(openApiDocument(37).info.description).toContain('37 requests per minute');
    expect(JSON.stringify(openApiDocument(37))).not.toContain('120 requests');
  });

  it('lists the error codes as an enum from the one list', () => {
    const error = openApiDocument(120).components.schemas.Error as { properties: { error: { properties: { code: { enum?: string[] } } } } };
    expect(error.properties.error.properties.code.enum).toEqual(Object.keys(API_ERROR_CODES));
  });

  it('documents Location on 201 and the RateLimit headers on keyed answers', () => {
    type Op = { responses: Record<string, { headers?: Record<string, unknown> }> };
    const paths = openApiDocument(120).paths as unknown as Record<string, Record<string, Op>>;
    expect(Object.keys(paths['/connections']!.post!.responses['201']!.headers!)).toEqual(expect.arrayContaining(['Location', 'RateLimit-Limit', 'RateLimit-Remaining']));
    expect(Object.keys(paths['/connections']!.get!.responses['200']!.headers!)).toEqual(['RateLimit-Limit', 'RateLimit-Remaining']);
    expect(Object.keys(paths['/connections']!.get!.responses['429']!.headers!)).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit-Limit']));
    expect(paths['/connections']!.get!.responses['401']!.headers).toBeUndefined();
  });
});
