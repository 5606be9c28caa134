import { API_ERROR_CODES } from './errors';
import { openApiDocument } from './openapi';

/*
 * The readable API reference, derived from the served OpenAPI document so the page cannot say anything the
 * document does not. Pure.
 */
export interface ReferenceOperation {
  method: string;
  path: string;
  summary: string;
  requestExample?: unknown;
  responses: { status: string; description: string }[];
  curl: string;
}

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
  updateConnection: { refresh_interval_secs: 3600, paused: false, options: { status_mapping: { 'In Review': 'IN_REVIEW' } } },
};

export function apiReference(baseUrl: string, ratePerMinute: number): { operations: ReferenceOperation[]; errorCodes: { code: string; status: number }[] } {
  const document = openApiDocument(ratePerMinute);
  const operations: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { operationId?: string; summary?: string; responses?: Record<string, { description: string }>; security?: unknown[] }][]) {
      if (method === 'parameters' || !operation.operationId) continue;
      const example = REQUEST_EXAMPLES[operation.operationId];
      const url = `${baseUrl}/api/v1${path.replace('{connectionId}', EXAMPLE_ID).replace('{ticketId}', EXAMPLE_TICKET_ID)}`;
      const curl = [
        `curl -X ${method.toUpperCase()} '${url}'`,
        ...(operation.security?.length === 0 ? [] : [`  -H "Authorization: Bearer $PORTICO_API_KEY"`]),
        ...(example ? [`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(example)}'`] : []),
      ].join(' \\\n');
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? '',
        requestExample: example,
        responses: Object.entries(operation.responses ?? {})
          .map(([status, response]) => ({ status, description: response.description }))
          .sort((a, b) => a.status.localeCompare(b.status)),
        curl,
      });
    }
  }
  return { operations, errorCodes: Object.entries(API_ERROR_CODES).map(([code, status]) => ({ code, status })) };
}
