import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './storable-text';

describe('findUnstorableText', () => {
  it.each([
    { name: 'a lone high surrogate as a key', body: '{"status_mapping":{"\\ud800":"CLOSED"}}', field: 'status_mapping.\\ud800', message: /unpaired UTF-16 surrogate/ },
    { name: 'a lone low surrogate in a value', body: '{"name":"a\\udc00b"}', field: 'name', message: /unpaired UTF-16 surrogate/ },
    { name: 'a NUL inside a value', body: '{"status_mapping":{"Done":"A\\u0000B"}}', field: 'status_mapping.Done', message: /NUL character/ },
    { name: 'a NUL inside a key', body: '{"m":{"A\\u0000B":"DONE"}}', field: 'm.A\\u0000B', message: /NUL character/ },
    { name: 'a NUL in a list item', body: '{"projects":["OK","\\u0000"]}', field: 'projects.1', message: /NUL character/ },
    { name: 'a __proto__ key, which zod would drop silently', body: '{"status_mapping":{"__proto__":"CLOSED"}}', field: 'status_mapping.__proto__', message: /not allowed as a field name/ },
    { name: 'a NUL as the whole body', body: '"\\u0000"', field: 'body', message: /NUL character/ },
  ])('names the field for $name', ({ body, field, message }) => {
    const problem = findUnstorableText(JSON.parse(body));
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });

  it.each([
    { name: 'a surrogate pair (emoji)', body: '{"name":"🚀 \\ud83d\\ude80","m":{"é":"DONE"}}' },
    { name: 'numbers, booleans and null', body: '{"a":1,"b":[true,null,{"c":2.5}]}' },
    { name: 'a "constructor" key, which is stored as an own key', body: '{"constructor":"x"}' },
  ])('accepts $name', ({ body }) => {
    expect(findUnstorableText(JSON.parse(body))).toBeNull();
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`) as unknown;
    expect(findUnstorableText(deep)?.message).toMatch(/NUL character/);
  });
});
