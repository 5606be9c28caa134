import { describe, expect, it } from 'vitest';
import type { ConfigChange } from './diff-config';
import { describeChange, rowKey, type ConfigNames } from './describe-changes';

const names: ConfigNames = { statuses: { '3': 'In Review' }, priorities: { '1': 'Highest' } };

describe('describeChange', () => {
  it.each<[string, ConfigChange, string, string]>([
    ['a status remapped', { kind: 'status_mapping', id: '3', from: 'TODO', to: 'IN_REVIEW' }, 'status:3', 'In Review → In review (was To do)'],
    ['a status newly mapped', { kind: 'status_mapping', id: '3', from: null, to: 'BLOCKED' }, 'status:3', 'In Review → Blocked (was not mapped)'],
    ['a status unmapped', { kind: 'status_mapping', id: '3', from: 'BLOCKED', to: null }, 'status:3', 'In Review → not mapped (was Blocked)'],
    ['a status Jira no longer names', { kind: 'status_mapping', id: '10006', from: null, to: 'OPEN' }, 'status:10006', 'Status 10006 → Open (was not mapped)'],
    ['a priority', { kind: 'priority_mapping', id: '1', from: 'HIGH', to: 'CRITICAL' }, 'priority:1', 'Highest → Critical (was High)'],
    ['an unknown priority', { kind: 'priority_mapping', id: '9', from: null, to: 'LOW' }, 'priority:9', 'Priority 9 → Low (was not mapped)'],
    ['an override set', { kind: 'project_override', key: 'OPS', id: '3', from: null, to: 'PENDING' }, 'override:OPS:3', 'OPS · In Review → Pending (was the default)'],
    ['an override reset', { kind: 'project_override', key: 'OPS', id: '3', from: 'PENDING', to: null }, 'override:OPS:3', 'OPS · In Review → the default (was Pending)'],
    ['a project added', { kind: 'project_filter', key: 'WEB', change: 'added' }, 'project:WEB', 'Project WEB added to the filter'],
    ['a project removed', { kind: 'project_filter', key: 'WEB', change: 'removed' }, 'project:WEB', 'Project WEB removed from the filter'],
  ])('%s', (_name, change, key, text) => {
    const described = describeChange(change, names);
    expect(described.key).toBe(key);
    expect(rowKey(change)).toBe(key);
    expect(described.text).toBe(text);
  });

  it('gives areas a reader can group by', () => {
    expect(describeChange({ kind: 'status_mapping', id: '3', from: null, to: 'OPEN' }, names).area).toBe('Statuses');
    expect(describeChange({ kind: 'project_override', key: 'A1', id: '3', from: null, to: 'OPEN' }, names).area).toBe('Overrides');
  });
});
