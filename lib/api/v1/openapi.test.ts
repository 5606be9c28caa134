import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

const text = () => JSON.stringify(openApiDocument());

describe('OpenAPI document', () => {
  it('says honestly that Portico does not act on the sync intervals', () => {
    const connection = openApiDocument().components.schemas.Connection as { properties: Record<string, { description?: string }> };
    for (const field of ['refresh_interval_secs', 'timeout_secs']) {
      expect(connection.properties[field]?.description).toMatch(/Stored with the connection for the consumer’s sync schedule; Portico itself does not sync issues/);
    }
    expect(text()).toContain('Portico itself does not sync issues');
  });
});
