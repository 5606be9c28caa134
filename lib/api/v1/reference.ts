import { API_ERROR_CODES } from './errors';
import { openApiDocument } from './openapi';
import { parameterFields, schemaFields, type ReferenceField, type SchemaComponents } from './reference-fields';

/*
 * The readable API reference, derived from the served OpenAPI document so the page cannot say anything the
 * document does not. Pure.
 */
export interface ReferenceOperation {
  /** The operationId: the operation's anchor on the page. */
  id: string;
  method: string;
  path: string;
  summary: string;
  requestExample?: unknown;
  responses: { status: string; description: string }[];
  curl: string;
  parameters: ReferenceField[];
  requestFields: ReferenceField[];
  /** The fields of the success answer's body. */
  responseFields: ReferenceField[];
}

type Content = { content?: Record<string, { schema?: object }> };
type Operation = {
  operationId?: string;
  summary?: string;
  responses?: Record<string, { description: string } & Content>;
  security?: unknown[];
  parameters?: Parameters<typeof parameterFields>[0];
  requestBody?: Content;
};

const EXAMPLE_ID = '0b7c6a52-3f0e-4d2a-9f61-2f0b1c6d8e90';
const EXAMPLE_TICKET_ID = '5d1e8f3a-7b2c-4e9d-a6f0-1c3b5d7e9f21';

const REQUEST_EXAMPLES: Record<string, unknown> = {
  createConnection: {
    vendor: 'JIRA',
    options: {
      project_keys_filter: ['OPS', 'PLAT'],
      priority_mapping: [{ Highest: 'CRITICAL' }, { High: 'HIGH' }],
      status_mapping: { 'To Do': 'TODO', Done: 'CLOSED' },
    },
  },
  updateConnection: {
    refresh_interval_secs: 3600,
    paused: false,
    options: { status_mapping: { 'In Review': 'IN_REVIEW' } },
  },
};

export function apiReference(
  baseUrl: string,
  ratePerMinute: number,
): { operations: ReferenceOperation[]; errorCodes: { code: string; status: number }[] } {
  const document = openApiDocument(ratePerMinute);
  const components = (document.components?.schemas ?? {}) as SchemaComponents;
  const operations: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item as { parameters?: Operation['parameters'] }).parameters ?? [];
    for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
      if (method === 'parameters' || !operation.operationId) continue;
      const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1];
      const own = operation.parameters ?? [];
      const example = REQUEST_EXAMPLES[operation.operationId];
      const url = `${baseUrl}/api/v1${path.replace('{connectionId}', EXAMPLE_ID).replace('{ticketId}', EXAMPLE_TICKET_ID)}`;
      const curl = [
        `curl -X ${method.toUpperCase()} '${url}'`,
        ...(operation.security?.length === 0 ? [] : [`  -H "Authorization: Bearer $PORTICO_API_KEY"`]),
        ...(example ? [`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(example)}'`] : []),
      ].join(' \\\n');
      operations.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? '',
        requestExample: example,
        responses: Object.entries(operation.responses ?? {})
          .map(([status, response]) => ({ status, description: response.description }))
          .sort((a, b) => a.status.localeCompare(b.status)),
        curl,
        // An operation's own parameter replaces the path's one of the same name and place (OpenAPI 3.1).
        parameters: parameterFields(
          [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own],
          components,
        ),
        requestFields: schemaFields(operation.requestBody?.content?.['application/json']?.schema, components),
        responseFields: schemaFields(success?.content?.['application/json']?.schema, components),
      });
    }
  }
  return { operations, errorCodes: Object.entries(API_ERROR_CODES).map(([code, status]) => ({ code, status })) };
}
