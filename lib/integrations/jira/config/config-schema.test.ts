import { describe, expect, it } from 'vitest';
import { jiraConfigSchema, rollbackRequestSchema, saveConfigRequestSchema } from './config-schema';
import { toFieldErrors } from '@/lib/validation/field-errors';

const valid = {
  projectFilter: ['OPS', 'SD'],
  statusMapping: { '1': 'OPEN', '10001': 'CLOSED' },
  priorityMapping: { '3': 'MEDIUM' },
  projectOverrides: { SD: { '10001': 'RESOLVED' } },
};

function errorsOf(input: unknown): Record<string, string[]> {
  const result = saveConfigRequestSchema.safeParse(input);
  if (result.success) throw new Error('expected a validation error');
  return toFieldErrors(result.error);
}

describe('saveConfigRequestSchema', () => {
  it('accepts a complete configuration', () => {
    expect(saveConfigRequestSchema.parse({ expectedVersion: 0, config: valid })).toEqual({
      expectedVersion: 0,
      config: valid,
    });
  });

  it('drops empty overrides so "uses the default" has one shape', () => {
    const parsed = jiraConfigSchema.parse({ ...valid, projectOverrides: { OPS: {}, SD: { '1': 'TODO' } } });
    expect(parsed.projectOverrides).toEqual({ SD: { '1': 'TODO' } });
  });

  it.each([
    [
      'unknown standard status',
      { config: { ...valid, statusMapping: { '1': 'DONE' } } },
      'config.statusMapping.1',
      /standard statuses/,
    ],
    [
      'unknown standard priority',
      { config: { ...valid, priorityMapping: { '1': 'P1' } } },
      'config.priorityMapping.1',
      /standard priorities/,
    ],
    [
      'status name instead of id',
      { config: { ...valid, statusMapping: { Done: 'CLOSED' } } },
      'config.statusMapping.Done',
      /strings of digits/,
    ],
    [
      'bad override project key',
      { config: { ...valid, projectOverrides: { 'sd-1': { '1': 'OPEN' } } } },
      'config.projectOverrides.sd-1',
      /Project keys are/,
    ],
    [
      'bad override value',
      { config: { ...valid, projectOverrides: { SD: { '1': 'FINISHED' } } } },
      'config.projectOverrides.SD.1',
      /standard statuses/,
    ],
    [
      'override that is not an object',
      { config: { ...valid, projectOverrides: { SD: 'RESOLVED' } } },
      'config.projectOverrides.SD',
      /must be an object/,
    ],
    [
      'overrides as an array',
      { config: { ...valid, projectOverrides: [] } },
      'config.projectOverrides',
      /must be an object/,
    ],
    [
      'lower-case project key in the filter',
      { config: { ...valid, projectFilter: ['ops'] } },
      'config.projectFilter.0',
      /Project keys are/,
    ],
    ['filter as a string', { config: { ...valid, projectFilter: 'OPS' } }, 'config.projectFilter', /./],
    [
      'unknown field in config',
      { config: { ...valid, statusMappings: {} } },
      'config.statusMappings',
      /Unknown field "statusMappings"/,
    ],
    ['unknown top-level field', { force: true }, 'force', /Unknown field "force"/],
    ['missing config field', { config: { ...valid, priorityMapping: undefined } }, 'config.priorityMapping', /./],
    ['config as an array', { config: [] }, 'config', /must be a JSON object/],
    ['version as a string', { expectedVersion: '3' }, 'expectedVersion', /whole number/],
    ['fractional version', { expectedVersion: 1.5 }, 'expectedVersion', /whole number/],
    ['negative version', { expectedVersion: -1 }, 'expectedVersion', /cannot be negative/],
  ])('rejects %s and names the field', (_name, patch, field, message) => {
    const errors = errorsOf({ expectedVersion: 0, config: valid, ...patch });
    expect(Object.keys(errors)).toContain(field);
    expect(errors[field]!.join(' ')).toMatch(message);
  });

  it('rejects a body that is not an object', () => {
    expect(errorsOf([])).toEqual({ body: [expect.stringMatching(/must be a JSON object/)] });
    expect(errorsOf(null)).toHaveProperty('body');
  });

  it('refuses a "__proto__" field instead of ignoring it', () => {
    const errors = errorsOf(
      JSON.parse(`{"__proto__": {"role": "admin"}, "expectedVersion": 0, "config": ${JSON.stringify(valid)}}`),
    );
    expect(errors).toHaveProperty(['__proto__']);
  });

  it('caps the total size of project overrides', () => {
    const big = Object.fromEntries(
      Array.from({ length: 6 }, (_, p) => [
        `P${p}A`,
        Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [String(i), 'OPEN'])),
      ]),
    );
    expect(
      errorsOf({ expectedVersion: 0, config: { ...valid, projectOverrides: big } })['config.projectOverrides'],
    ).toEqual([expect.stringMatching(/at most 5,000 statuses/)]);
  });
});

describe('rollbackRequestSchema', () => {
  it('accepts two versions and nothing else', () => {
    expect(rollbackRequestSchema.parse({ expectedVersion: 4, toVersion: 0 })).toEqual({
      expectedVersion: 4,
      toVersion: 0,
    });
    expect(rollbackRequestSchema.safeParse({ expectedVersion: 4, toVersion: 1, config: valid }).success).toBe(false);
    expect(rollbackRequestSchema.safeParse({ expectedVersion: 4 }).success).toBe(false);
  });
});
