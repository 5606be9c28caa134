import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/v1/openapi';
import { createContractValidator } from './api-contract';

// The contract checker itself must fail when it should, or a green contract test means nothing.
describe('createContractValidator', () => {
  const check = createContractValidator(JSON.parse(JSON.stringify(openApiDocument(120))));
  const url = 'http://portico.test/api/v1/connections/0b7c6a52-3f0e-4d2a-9f61-2f0b1c6d8e90';

  it('accepts a conforming error and refuses undocumented statuses, extra fields and wrong types', () => {
    expect(check('GET', url, 404, { error: { code: 'not_found', message: 'No.' } })).toBeNull();
    expect(check('GET', url, 418, { error: { code: 'teapot', message: 'No.' } })).toMatch(/not documented/);
    expect(check('GET', url, 404, { error: { code: 'not_found', message: 'No.', stack: 'x' } })).toMatch(/additional/);
    expect(check('GET', url, 200, { id: 5 })).toMatch(/must/);
    expect(check('GET', 'http://portico.test/api/v1/nope', 200, {})).toMatch(/no such path/);
  });

  it('describes every documented operation with a 401 and a 429', () => {
    const document = openApiDocument(120);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'parameters' || path === '/ping') continue;
        expect(Object.keys((operation as { responses: object }).responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']));
      }
    }
    expect(document.openapi).toBe('3.1.0');
  });
});
