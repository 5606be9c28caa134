import { describe, expect, it } from 'vitest';
import { detectDrift, findNewUnmapped, snapshotOf } from './drift';

const saved = snapshotOf({
  statuses: [
    { id: '1', name: 'To Do', category: 'TODO' },
    { id: '2', name: 'Review', category: 'IN_PROGRESS' },
    { id: '3', name: 'Done', category: 'DONE' },
  ],
  priorities: [{ id: '1', name: 'Highest' }],
});

describe('detectDrift', () => {
  it('reports renames and category moves since the mapping was saved, not new values', () => {
    const drift = detectDrift(saved, {
      statuses: [
        { id: '1', name: 'Backlog', category: 'TODO' },
        { id: '2', name: 'Review', category: 'DONE' },
        { id: '3', name: 'Done', category: 'DONE' },
        { id: '4', name: 'New status', category: 'TODO' },
      ],
      priorities: [{ id: '1', name: 'Blocker' }],
    });
    expect(drift.statuses).toEqual([
      { id: '1', kind: 'renamed', from: 'To Do', to: 'Backlog' },
      { id: '2', kind: 'recategorized', from: 'IN_PROGRESS', to: 'DONE' },
    ]);
    expect(drift.priorities).toEqual([{ id: '1', kind: 'renamed', from: 'Highest', to: 'Blocker' }]);
  });

  it('finds nothing against an empty snapshot (a mapping never saved)', () => {
    expect(detectDrift({ statuses: {}, priorities: {} }, { statuses: [{ id: '1', name: 'x', category: 'TODO' }], priorities: [] })).toEqual({
      statuses: [],
      priorities: [],
    });
  });
});

describe('findNewUnmapped', () => {
  const before = {
    statuses: [{ id: '1', name: 'To Do' }, { id: '2', name: 'Done' }],
    priorities: [{ id: 'p1', name: 'High' }],
  };
  const mapping = { statusMapping: { '1': 'OPEN', '2': 'DONE', '5': 'IN_PROGRESS', '6': 'UNKNOWN' }, priorityMapping: { p1: 'HIGH' } };
  const cases: [string, Parameters<typeof findNewUnmapped>[0], Parameters<typeof findNewUnmapped>[1], ReturnType<typeof findNewUnmapped>][] = [
    ['the first read after connect is no drift', undefined, { statuses: [{ id: '9', name: 'New' }], priorities: [] }, null],
    ['an unchanged refresh finds nothing', before, before, null],
    [
      'new unmapped statuses and priorities, by id and name',
      before,
      { statuses: [...before.statuses, { id: '3', name: 'In QA' }], priorities: [...before.priorities, { id: 'p2', name: 'Urgent' }] },
      { statuses: [{ id: '3', name: 'In QA' }], priorities: [{ id: 'p2', name: 'Urgent' }] },
    ],
    ['a new status mapped already (a mapping saved ahead of Jira) is not drift', before, { statuses: [...before.statuses, { id: '5', name: 'Review' }], priorities: before.priorities }, null],
    ['a new status mapped to UNKNOWN counts as unmapped', before, { statuses: [{ id: '6', name: 'Limbo' }], priorities: [] }, { statuses: [{ id: '6', name: 'Limbo' }], priorities: [] }],
    ['a renamed or removed value is not new', before, { statuses: [{ id: '1', name: 'Backlog' }], priorities: [] }, null],
  ];
  it.each(cases)('%s', (_name, previous, current, expected) => {
    expect(findNewUnmapped(previous, current, mapping)).toEqual(expected);
  });

  it('names only id and name, never the rest of a value', () => {
    const current = { statuses: [{ id: '7', name: 'Blocked', category: 'TODO', usages: [{ projectKey: 'PLAT', issueTypes: [] }] }], priorities: [] };
    expect(findNewUnmapped(before, current, mapping)).toEqual({ statuses: [{ id: '7', name: 'Blocked' }], priorities: [] });
  });
});
