import { describe, expect, it } from 'vitest';
import { EMPTY_JIRA_CONFIG, type JiraConfig } from './config-schema';
import { diffConfigs, summarizeChanges, type ConfigChange } from './diff-config';

const base: JiraConfig = {
  projectFilter: ['OPS', 'WEB'],
  statusMapping: { '1': 'OPEN', '3': 'IN_PROGRESS', '10': 'CLOSED' },
  priorityMapping: { '1': 'CRITICAL' },
  projectOverrides: { SD: { '10': 'RESOLVED' } },
};

describe('diffConfigs', () => {
  it('finds nothing between equal configurations, whatever the key order', () => {
    const reordered = { ...base, statusMapping: { '10': 'CLOSED', '3': 'IN_PROGRESS', '1': 'OPEN' } } as JiraConfig;
    expect(diffConfigs(base, reordered)).toEqual([]);
  });

  it('lists every kind of change in a stable order, ids numerically', () => {
    const after: JiraConfig = {
      projectFilter: ['OPS', 'SD', 'HR'],
      statusMapping: { '1': 'TODO', '9': 'BLOCKED', '10': 'CLOSED' },
      priorityMapping: {},
      projectOverrides: { SD: { '10': 'CLOSED' }, OPS: { '1': 'OPEN' } },
    };
    expect(diffConfigs(base, after)).toEqual<ConfigChange[]>([
      { kind: 'project_filter', key: 'SD', change: 'added' },
      { kind: 'project_filter', key: 'HR', change: 'added' },
      { kind: 'project_filter', key: 'WEB', change: 'removed' },
      { kind: 'status_mapping', id: '1', from: 'OPEN', to: 'TODO' },
      { kind: 'status_mapping', id: '3', from: 'IN_PROGRESS', to: null },
      { kind: 'status_mapping', id: '9', from: null, to: 'BLOCKED' },
      { kind: 'priority_mapping', id: '1', from: 'CRITICAL', to: null },
      { kind: 'project_override', key: 'OPS', id: '1', from: null, to: 'OPEN' },
      { kind: 'project_override', key: 'SD', id: '10', from: 'RESOLVED', to: 'CLOSED' },
    ]);
  });

  it('reports a reset-to-default override as going back to null', () => {
    expect(diffConfigs(base, { ...base, projectOverrides: {} })).toEqual([
      { kind: 'project_override', key: 'SD', id: '10', from: 'RESOLVED', to: null },
    ]);
  });
});

describe('summarizeChanges', () => {
  it.each<[string, JiraConfig, JiraConfig, string]>([
    ['no change', base, base, 'No changes'],
    [
      'statuses and filter',
      base,
      { ...base, projectFilter: ['OPS', 'A1', 'B1'], statusMapping: { '1': 'TODO', '3': 'TODO', '10': 'OPEN' } },
      '3 status mappings, project filter (+2 −1)',
    ],
    ['one priority', base, { ...base, priorityMapping: { '1': 'HIGH' } }, '1 priority mapping'],
    [
      'from empty',
      EMPTY_JIRA_CONFIG,
      base,
      '3 status mappings, 1 priority mapping, project filter (+2 −0), overrides for SD',
    ],
    [
      'many overrides',
      EMPTY_JIRA_CONFIG,
      {
        ...EMPTY_JIRA_CONFIG,
        projectOverrides: {
          AA: { '1': 'OPEN' },
          BB: { '1': 'OPEN' },
          CC: { '1': 'OPEN' },
          DD: { '1': 'OPEN', '2': 'OPEN' },
        },
      },
      'overrides for AA, BB, CC and 1 more',
    ],
  ])('%s', (_name, before, after, summary) => {
    expect(summarizeChanges(diffConfigs(before, after))).toBe(summary);
  });
});
