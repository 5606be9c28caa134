import { describe, expect, it } from 'vitest';
import type { StandardStatus } from './standard-model';
import { diffMapping, suggestPriorityMappings, suggestStatusMappings } from './suggest-mappings';
import type { Suggestion } from './suggestion';

describe('suggestStatusMappings', () => {
  it('suggests per Jira id, with either category form', () => {
    const suggestions = suggestStatusMappings([
      { id: '1', name: 'Open', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
      { id: '10002', name: 'Code Review', category: 'IN_PROGRESS' },
      { id: '10003', name: 'Done', category: 'DONE' },
    ]);
    expect(Object.fromEntries(Object.entries(suggestions).map(([id, s]) => [id, s.value]))).toEqual({
      '1': 'OPEN',
      '10002': 'IN_REVIEW',
      '10003': 'CLOSED',
    });
  });
});

describe('suggestPriorityMappings', () => {
  const values = (list: { id: string; name: string }[]) =>
    Object.values(suggestPriorityMappings(list)).map((suggestion) => suggestion.value);

  it('uses names first and list position for the rest', () => {
    const list = ['Highest', 'Whenever', 'Medium', 'Later', 'Lowest'].map((name, i) => ({ id: String(i + 1), name }));
    expect(values(list)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
  });

  it('reads a P-scale from 1 unless the list has a P0', () => {
    const scale = (names: string[]) => values(names.map((name, i) => ({ id: String(i + 1), name })));
    expect(scale(['P1', 'P2', 'P3', 'P4', 'P5'])).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
    expect(scale(['P0', 'P1', 'P2', 'P3', 'P4'])).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
  });
});

describe('diffMapping', () => {
  const suggest = (value: StandardStatus): Suggestion<StandardStatus> => ({
    value,
    reason: { code: 'keyword', text: 'keyword' },
    confidence: 'high',
  });
  const current: Record<string, StandardStatus> = { '1': 'OPEN', '2': 'TODO', '3': 'UNKNOWN', '99': 'CLOSED' };
  const suggested = {
    '1': suggest('OPEN'),
    '2': suggest('BLOCKED'),
    '3': suggest('IN_REVIEW'),
    '4': suggest('CLOSED'),
    '5': suggest('UNKNOWN'),
  };

  it('fills unmapped entries and leaves human choices alone', () => {
    const diff = diffMapping(current, suggested);
    expect(diff.next).toEqual({ '1': 'OPEN', '2': 'TODO', '3': 'IN_REVIEW', '4': 'CLOSED', '99': 'CLOSED' });
    expect(diff.applied.map((change) => [change.id, change.from, change.to])).toEqual([
      ['3', 'UNKNOWN', 'IN_REVIEW'],
      ['4', undefined, 'CLOSED'],
    ]);
    expect(diff.skipped.map((change) => [change.id, change.from, change.to])).toEqual([['2', 'TODO', 'BLOCKED']]);
  });

  it('replaces human choices only when asked, and never writes UNKNOWN', () => {
    const diff = diffMapping(current, suggested, { overwrite: true });
    expect(diff.next).toEqual({ '1': 'OPEN', '2': 'BLOCKED', '3': 'IN_REVIEW', '4': 'CLOSED', '99': 'CLOSED' });
    expect(diff.skipped).toEqual([]);
    expect(diff.applied).toHaveLength(3);
  });

  it('does not mutate its input', () => {
    const before = structuredClone(current);
    diffMapping(current, suggested, { overwrite: true });
    expect(current).toEqual(before);
  });
});
