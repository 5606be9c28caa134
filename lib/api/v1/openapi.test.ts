import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from './errors';
import { openApiDocument } from './openapi';

const text = () => JSON.stringify(openApiDocument(120));

describe('OpenAPI document', () => {
  it('says honestly that Portico does not act on the sync intervals', () => {
    const connection = openApiDocument(120).components.schemas.Connection as { properties: Record<string, { description?: string }> };
    for (const field of ['refresh_interval_secs', 'timeout_secs']) {
      expect(connection.properties[field]?.description).toMatch(/Stored with the connection for the consumer’s sync schedule; Portico itself does not sync issues/);
    }
    expect(text()).toContain('Portico itself does not sync issues');
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
