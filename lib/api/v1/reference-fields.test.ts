import { describe, expect, it } from 'vitest';
import { allowedValues, schemaFields, typeLabel } from './reference-fields';
import { apiReference } from './reference';

const components = {
  Options: {
    type: 'object',
    properties: {
      keys: { type: 'array', items: { type: 'string' }, description: 'Project keys.' },
      mapping: {
        description: 'Name → standard value.',
        anyOf: [
          { type: 'object', additionalProperties: { type: 'string', enum: ['OPEN', 'CLOSED'] } },
          { type: 'array', items: { type: 'object', additionalProperties: { type: 'string', enum: ['OPEN', 'CLOSED'] } } },
        ],
      },
    },
  },
};

describe('schemaFields', () => {
  it('lists nested fields by dotted name with their descriptions and allowed values', () => {
    const fields = schemaFields(
      {
        type: 'object',
        required: ['vendor'],
        properties: {
          vendor: { type: 'string', const: 'JIRA' },
          options: { $ref: '#/components/schemas/Options' },
          url: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }], description: 'The issue in Jira.' },
        },
      },
      components,
    );
    expect(fields).toEqual([
      { name: 'vendor', type: 'constant "JIRA"', required: true, values: ['JIRA'] },
      { name: 'options', type: 'object', required: false },
      { name: 'options.keys', type: 'list of string', required: false, description: 'Project keys.' },
      {
        name: 'options.mapping',
        type: 'map of name → string or list of map of name → string',
        required: false,
        description: 'Name → standard value.',
        values: ['OPEN', 'CLOSED'],
      },
      { name: 'url', type: 'string (uri) or null', required: false, description: 'The issue in Jira.' },
    ]);
  });

  it('reads types and values through unions', () => {
    expect(typeLabel({ type: ['string', 'null'] }, {})).toBe('string or null');
    expect(allowedValues({ type: 'string' }, {})).toBeUndefined();
  });
});

describe('apiReference', () => {
  it('carries the document’s field descriptions, enums and one anchor per operation', () => {
    const { operations } = apiReference('https://portico.example.com', 60);
    const ids = operations.map((operation) => operation.id);
    expect(new Set(ids).size).toBe(ids.length);
    const create = operations.find((operation) => operation.id === 'createConnection')!;
    expect(create.requestFields.find((field) => field.name === 'options.status_mapping')).toMatchObject({
      description: expect.stringContaining('Jira status name → standard value') as string,
      values: expect.arrayContaining(['IN_REVIEW', 'CANCELLED']) as string[],
    });
    const tickets = operations.find((operation) => operation.id === 'listTickets')!;
    expect(tickets.parameters.find((field) => field.name === 'limit')).toMatchObject({ in: 'query', description: 'Tickets per page, 1 to 200 (default 50).' });
    const update = operations.find((operation) => operation.id === 'updateConnection')!;
    expect(update.parameters.map((field) => field.name)).toEqual(['connectionId', 'Idempotency-Key']);
  });
});
