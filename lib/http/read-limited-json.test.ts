// The shared reader of every internal JSON body (the configuration editor's PUT, rollback, preview).
import { describe, expect, it } from 'vitest';
import { readLimitedJson } from './read-limited-json';

const put = (raw: string) => new Request('http://portico.test/api/x', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: raw });

describe('readLimitedJson', () => {
  it.each([
    // The configuration PUT once saved {"__proto__": …} as an empty mapping: zod dropped the key silently.
    { name: 'a "__proto__" mapping name', raw: '{"config":{"statusMapping":{"__proto__":"CLOSED"}}}', field: 'config.statusMapping.__proto__' },
    { name: 'a lone surrogate', raw: '{"config":{"statusMapping":{"\\ud800":"CLOSED"}}}', field: 'config.statusMapping.\\ud800' },
    { name: 'a NUL character', raw: '{"config":{"statusMapping":{"10001":"A\\u0000B"}}}', field: 'config.statusMapping.10001' },
  ])('refuses $name with 422 naming the field, before any schema sees it', async ({ raw, field }) => {
    const read = await readLimitedJson(put(raw), 64 * 1024);
    expect('response' in read && read.response.status).toBe(422);
    const body = (await (read as { response: Response }).response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_text', field, fieldErrors: { [field]: [expect.any(String)] } });
  });

  it('passes well-formed text through, emoji and accents included', async () => {
    expect(await readLimitedJson(put('{"m":{"Terminé 🚀":"DONE"}}'), 1024)).toEqual({ body: { m: { 'Terminé 🚀': 'DONE' } } });
  });
});
