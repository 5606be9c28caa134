import { describe, expect, it } from 'vitest';
import { EMPTY_JIRA_CONFIG, type JiraConfig } from './config-schema';
import { validateKnownIds, type KnownJiraIds } from './validate-ids';

const known: KnownJiraIds = {
  statusIds: new Set(['1', '3', '10001']),
  priorityIds: new Set(['1', '2']),
  projectKeys: new Set(['OPS', 'SD']),
};
const config = (patch: Partial<JiraConfig>): JiraConfig => ({ ...EMPTY_JIRA_CONFIG, ...patch });

describe('validateKnownIds', () => {
  it('accepts ids Jira lists', () => {
    const result = validateKnownIds(
      config({
        projectFilter: ['OPS'],
        statusMapping: { '1': 'OPEN' },
        priorityMapping: { '2': 'HIGH' },
        projectOverrides: { SD: { '10001': 'RESOLVED' } },
      }),
      known,
      EMPTY_JIRA_CONFIG,
    );
    expect(result).toEqual({
      ok: true,
      checked: true,
      missingFromJira: { statusIds: [], priorityIds: [], projectKeys: [] },
    });
  });

  it.each<[string, Partial<JiraConfig>, string, RegExp]>([
    ['status', { statusMapping: { '99': 'OPEN' } }, 'config.statusMapping.99', /no status with id 99/],
    ['priority', { priorityMapping: { '7': 'LOW' } }, 'config.priorityMapping.7', /no priority with id 7/],
    ['filtered project', { projectFilter: ['OPS', 'GONE'] }, 'config.projectFilter.1', /no project with key GONE/],
    [
      'overridden project',
      { projectOverrides: { GONE: { '1': 'OPEN' } } },
      'config.projectOverrides.GONE',
      /no project with key GONE/,
    ],
    [
      'overridden status',
      { projectOverrides: { SD: { '42': 'OPEN' } } },
      'config.projectOverrides.SD.42',
      /no status with id 42/,
    ],
  ])('names an unknown %s', (_kind, patch, field, message) => {
    const result = validateKnownIds(config(patch), known, EMPTY_JIRA_CONFIG);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors).toEqual({ [field]: [expect.stringMatching(message)] });
  });

  it('lists every unknown id, not just the first', () => {
    const result = validateKnownIds(
      config({ statusMapping: { '98': 'OPEN', '99': 'OPEN' }, priorityMapping: { '9': 'LOW' } }),
      known,
      EMPTY_JIRA_CONFIG,
    );
    expect(result.ok ? [] : Object.keys(result.fieldErrors)).toEqual([
      'config.statusMapping.98',
      'config.statusMapping.99',
      'config.priorityMapping.9',
    ]);
  });

  it('keeps ids that vanished from Jira but were already saved, and flags them', () => {
    const previous = config({
      projectFilter: ['OLD'],
      statusMapping: { '77': 'CLOSED' },
      priorityMapping: { '5': 'LOW' },
      projectOverrides: { SD: { '78': 'OPEN' } },
    });
    const next = config({
      projectFilter: ['OLD', 'OPS'],
      statusMapping: { '77': 'CANCELLED', '78': 'OPEN' },
      priorityMapping: { '5': 'LOW' },
    });
    expect(validateKnownIds(next, known, previous)).toEqual({
      ok: true,
      checked: true,
      missingFromJira: { statusIds: ['77', '78'], priorityIds: ['5'], projectKeys: ['OLD'] },
    });
  });

  it('does not check existence before any metadata was fetched', () => {
    expect(
      validateKnownIds(
        config({ statusMapping: { '99': 'OPEN' }, projectFilter: ['ANY'] }),
        undefined,
        EMPTY_JIRA_CONFIG,
      ),
    ).toEqual({
      ok: true,
      checked: false,
      missingFromJira: { statusIds: [], priorityIds: [], projectKeys: [] },
    });
  });
});
