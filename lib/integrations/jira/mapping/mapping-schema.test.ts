import { describe, expect, it } from 'vitest';
import {
  MAX_MAPPING_ENTRIES,
  MAX_PROJECT_FILTER_KEYS,
  priorityMappingSchema,
  projectFilterSchema,
  statusMappingSchema,
} from './mapping-schema';

function firstMessage(result: { error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('statusMappingSchema and priorityMappingSchema', () => {
  it('accept Jira ids mapped to standard values', () => {
    expect(statusMappingSchema.parse({ '1': 'OPEN', '10001': 'IN_REVIEW' })).toEqual({
      '1': 'OPEN',
      '10001': 'IN_REVIEW',
    });
    expect(priorityMappingSchema.parse({ '3': 'MEDIUM' })).toEqual({ '3': 'MEDIUM' });
    expect(statusMappingSchema.parse({})).toEqual({});
  });

  it.each([['In Progress'], ['abc'], ['-1'], ['1.5'], [' 1'], ['constructor'], ['1234567890123456789']])(
    'rejects the key %j with a readable message',
    (key) => {
      const result = statusMappingSchema.safeParse(JSON.parse(`{${JSON.stringify(key)}: "OPEN"}`));
      expect(firstMessage(result)).toMatch(/^Jira ids are strings of digits/);
    },
  );

  it('drops a "__proto__" key instead of letting it reach the prototype', () => {
    const parsed = statusMappingSchema.parse(JSON.parse('{"__proto__": "OPEN", "1": "TODO"}'));
    expect(Object.keys(parsed)).toEqual(['1']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('rejects values outside the standard model', () => {
    expect(firstMessage(statusMappingSchema.safeParse({ '1': 'DONE' }))).toMatch(
      /^Choose one of the standard statuses/,
    );
    expect(firstMessage(priorityMappingSchema.safeParse({ '1': 'P1' }))).toMatch(
      /^Choose one of the standard priorities/,
    );
  });

  it('rejects non-objects', () => {
    expect(firstMessage(statusMappingSchema.safeParse(['OPEN']))).toMatch(/must be an object/);
  });

  it(`caps a mapping at ${MAX_MAPPING_ENTRIES} entries`, () => {
    const entries = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i), 'OPEN']));
    expect(statusMappingSchema.safeParse(entries(MAX_MAPPING_ENTRIES)).success).toBe(true);
    expect(firstMessage(statusMappingSchema.safeParse(entries(MAX_MAPPING_ENTRIES + 1)))).toMatch(/at most 5,000/);
  });
});

describe('projectFilterSchema', () => {
  it('accepts Jira project keys', () => {
    expect(projectFilterSchema.parse(['OPS', 'AB', 'PLAT_2', 'ABCDEFGHIJ'])).toHaveLength(4);
    expect(projectFilterSchema.parse([])).toEqual([]);
  });

  it.each([['ops'], ['A'], ['1OPS'], ['ABCDEFGHIJK'], ['OP-S'], ['']])('rejects the key %j', (key) => {
    expect(firstMessage(projectFilterSchema.safeParse([key]))).toMatch(/^Project keys are/);
  });

  it('rejects duplicates and points at the repeated entry', () => {
    const result = projectFilterSchema.safeParse(['OPS', 'WEB', 'OPS']);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [2], message: 'Project OPS is listed twice; remove the duplicate.' }),
    ]);
  });

  it(`caps the filter at ${MAX_PROJECT_FILTER_KEYS} projects`, () => {
    const keys = Array.from({ length: MAX_PROJECT_FILTER_KEYS + 1 }, (_, i) => `P${String(i).padStart(4, '0')}`);
    expect(firstMessage(projectFilterSchema.safeParse(keys))).toMatch(/at most 1,000 projects/);
  });
});
