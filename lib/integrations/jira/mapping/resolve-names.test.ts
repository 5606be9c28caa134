import { describe, expect, it } from 'vitest';
import { EMPTY_JIRA_CONFIG } from '../config/config-schema';
import { resolveRequestedMappings } from './resolve-names';

const jira = {
  statuses: [
    { id: '1', name: 'Open' },
    { id: '10001', name: 'Done' },
    { id: '10103', name: 'done' },
  ],
  priorities: [
    { id: '1', name: 'Highest' },
    { id: '2', name: 'High' },
  ],
  projectKeys: ['OPS', 'PLAT'],
};

describe('resolveRequestedMappings', () => {
  it.each<{ case: string; statuses: Record<string, string>; expected: Record<string, string>; unresolved: string[] }>([
    { case: 'exact names', statuses: { Open: 'OPEN' }, expected: { '1': 'OPEN' }, unresolved: [] },
    { case: 'any case, spaces trimmed', statuses: { ' open ': 'TODO' }, expected: { '1': 'TODO' }, unresolved: [] },
    { case: 'one name, several ids', statuses: { DONE: 'CLOSED' }, expected: { '10001': 'CLOSED', '10103': 'CLOSED' }, unresolved: [] },
    { case: 'unknown names reported', statuses: { Doing: 'IN_PROGRESS' }, expected: {}, unresolved: ['Doing'] },
    { case: 'no partial match', statuses: { Ope: 'OPEN' }, expected: {}, unresolved: ['Ope'] },
  ])('statuses: $case', ({ statuses, expected, unresolved }) => {
    const result = resolveRequestedMappings({ statuses, priorities: {} }, EMPTY_JIRA_CONFIG, jira);
    expect(result.config.statusMapping).toEqual(expected);
    expect(result.unresolved.statuses).toEqual(unresolved);
  });

  it('resolves priorities, keeps existing mappings, and reports filter keys the site lacks', () => {
    const current = { ...EMPTY_JIRA_CONFIG, projectFilter: ['OPS', 'NOPE'], priorityMapping: { '2': 'HIGH' as const } };
    const result = resolveRequestedMappings({ statuses: {}, priorities: { highest: 'CRITICAL', Blocker: 'CRITICAL' } }, current, jira);
    expect(result.config.priorityMapping).toEqual({ '1': 'CRITICAL', '2': 'HIGH' });
    expect(result.config.projectFilter).toEqual(['OPS', 'NOPE']);
    expect(result.unresolved).toEqual({ statuses: [], priorities: ['Blocker'], projectKeys: ['NOPE'] });
  });
});
