import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks API responses against the OpenAPI document the server serves: the status must be documented for
 * the operation, and a JSON body must match its schema. Returns null when the response conforms.
 */
export function createContractValidator(document: unknown) {
  const doc = document as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'api');
  const templates = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const compiled = new Map<string, ValidateFunction | null>();

  return function check(method: string, url: string, status: number, body: unknown): string | null {
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '');
    const template = templates.find((candidate) => candidate.pattern.test(path))?.template;
    if (!template) return `${method} ${path}: no such path in the document`;
    const operation = doc.paths[template]?.[method.toLowerCase()];
    if (!operation) return `${method} ${template}: no such operation in the document`;
    const response = operation.responses?.[String(status)];
    if (!response) return `${method} ${template}: status ${status} is not documented`;
    const key = `${method} ${template} ${status}`;
    if (!compiled.has(key)) {
      compiled.set(
        key,
        response.content?.['application/json']
          ? ajv.compile({ $ref: `api#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}` })
          : null,
      );
    }
    const validate = compiled.get(key);
    if (!validate) return body === undefined || body === '' ? null : `${key}: a body where none is documented`;
    return validate(body) ? null : `${key}: ${ajv.errorsText(validate.errors?.slice(0, 5))}`;
  };
}
