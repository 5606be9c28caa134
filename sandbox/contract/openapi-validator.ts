// Validates Jira responses against the OpenAPI document's schema for the operation and status.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { openApiPath } from '../paths';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function createResponseValidator() {
  const doc = JSON.parse(readFileSync(openApiPath(), 'utf8')) as Doc;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'jira');
  const cache = new Map<string, ValidateFunction | null>();

  function validatorFor(method: string, template: string, status: number): ValidateFunction | null {
    const key = `${method} ${template} ${status}`;
    if (cache.has(key)) return cache.get(key) ?? null;
    const path = `/rest/api/3/${template}`;
    const response = doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
    let fn: ValidateFunction | null = null;
    if (response?.content?.['application/json']) {
      fn = ajv.compile({ $ref: `jira#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}` });
    } else if (status >= 400) {
      fn = ajv.compile({ $ref: 'jira#/components/schemas/ErrorCollection' });
    }
    cache.set(key, fn);
    return fn;
  }

  /** Returns null when valid (or nothing is documented to check), else a readable error. */
  return function validate(method: string, template: string, status: number, body: unknown): string | null {
    // The gateway's own 401 bodies ({code, message}) are not Jira's and have no schema in the document.
    if (status === 401 && body && typeof body === 'object' && 'code' in body) return null;
    if (status >= 400 && (body === undefined || typeof body === 'string')) return null;
    const fn = validatorFor(method, template, status);
    if (!fn) return null;
    if (fn(body)) return null;
    return `${method} ${template} ${status}: ${ajv.errorsText(fn.errors?.slice(0, 5))}`;
  };
}
