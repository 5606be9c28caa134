import { describe, expect, it } from 'vitest';
import { detectDrift, snapshotOf } from './drift';

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
