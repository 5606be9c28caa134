// Validates Jira responses against the OpenAPI document's schema for the operation and status.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { openApiPath } from '../paths';

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
};

/**
 * `validated`: the body matched a schema; `no_content`: the status is documented without a body and none came;
 * `failed`: anything else, including a status or operation the document does not have.
 */
export type Verdict = { kind: 'validated' } | { kind: 'no_content' } | { kind: 'failed'; error: string };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

// Two statuses come from the platform in front of Jira, for every operation, so the operation's own entry in
// Jira's document does not list them. Their shapes are documented elsewhere (sandbox/reference/recorded/
// error-bodies.compiled.json): api.atlassian.com's own 401 body {code, message} ("api_gateway", Atlassian
// tracker ID-9034), and the 429 of developer.atlassian.com/cloud/jira/platform/rate-limiting/ with its headers.
const GATEWAY_401 = {
  type: 'object',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: { code: { const: 401 }, message: { type: 'string', minLength: 1 } },
};
const RATE_LIMIT_HEADERS = {
  type: 'object',
  required: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-reason'],
  properties: {
    'retry-after': { type: 'string', pattern: '^[0-9]+$' },
    'x-ratelimit-limit': { type: 'string', pattern: '^[0-9]+$' },
    'x-ratelimit-remaining': { type: 'string', pattern: '^[0-9]+$' },
    'x-ratelimit-reset': { type: 'string', format: 'date-time' },
    'ratelimit-reason': { type: 'string', minLength: 1 },
  },
};

export function createResponseValidator() {
  const doc = JSON.parse(readFileSync(openApiPath(), 'utf8')) as Doc;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'jira');
  const gateway401 = ajv.compile(GATEWAY_401);
  const rateLimitHeaders = ajv.compile(RATE_LIMIT_HEADERS);
  const errorCollection = ajv.compile({ $ref: 'jira#/components/schemas/ErrorCollection' });
  const cache = new Map<string, ValidateFunction | null>();

  function documentedSchema(method: string, path: string, status: number): ValidateFunction | null {
    const key = `${method} ${path} ${status}`;
    if (!cache.has(key)) {
      const response = doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
      cache.set(
        key,
        response?.content?.['application/json']
          ? ajv.compile({
              $ref: `jira#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`,
            })
          : null,
      );
    }
    return cache.get(key) ?? null;
  }

  return function validate(
    method: string,
    template: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): Verdict {
    const path = `/rest/api/3/${template}`;
    const operation = doc.paths[path]?.[method.toLowerCase()];
    const label = `${method} ${template} ${status}`;
    const failed = (fn: ValidateFunction, what: string): Verdict => ({
      kind: 'failed',
      error: `${label}: ${what} ${ajv.errorsText(fn.errors?.slice(0, 5))}`,
    });
    const checked = (fn: ValidateFunction): Verdict => (fn(body) ? { kind: 'validated' } : failed(fn, 'body'));
    if (!operation) return { kind: 'failed', error: `${method} ${template}: no such operation in the document` };
    if (status === 401 && body && typeof body === 'object' && 'code' in body) return checked(gateway401);
    if (status === 429)
      return rateLimitHeaders(headers) ? checked(errorCollection) : failed(rateLimitHeaders, 'headers');
    if (!operation.responses?.[String(status)])
      return { kind: 'failed', error: `${label}: status not documented for the operation` };
    const schema = documentedSchema(method, path, status);
    if (schema) return checked(schema);
    // Jira documents most error statuses by description only; its error bodies are ErrorCollection.
    if (status >= 400) return checked(errorCollection);
    return body === undefined || body === ''
      ? { kind: 'no_content' }
      : { kind: 'failed', error: `${label}: a body where none is documented` };
  };
}
