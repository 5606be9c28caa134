import { describe, expect, it } from 'vitest';
import { diffIssueSets } from './diff-issue-sets';

const before = new Date('2026-12-01T10:00:00Z');
const old = new Date('2026-12-01T09:00:00Z');
const fresh = new Date('2026-12-01T10:00:01Z');
const ticket = (externalId: string, lastSyncedAt = old) => ({ externalId, key: `K-${externalId}`, lastSyncedAt });
const issue = (id: string) => ({ id, key: `K-${id}` });

describe('diffIssueSets', () => {
  it.each([
    { name: 'same sets', jira: ['1', '2'], current: [ticket('1'), ticket('2')], missing: [], extra: [] },
    { name: 'deleted in Jira', jira: ['1'], current: [ticket('1'), ticket('2')], missing: ['2'], extra: [] },
    { name: 'not yet in Portico', jira: ['1', '3'], current: [ticket('1')], missing: [], extra: ['3'] },
    { name: 'written after the listing began: not judged', jira: ['1'], current: [ticket('1'), ticket('9', fresh)], missing: [], extra: [] },
    { name: 'written exactly at the bound: not judged', jira: [], current: [ticket('4', before)], missing: [], extra: [] },
    { name: 'both', jira: ['2', '5'], current: [ticket('1'), ticket('2')], missing: ['1'], extra: ['5'] },
  ])('$name', ({ jira, current, missing, extra }) => {
    const diff = diffIssueSets(jira.map(issue), current, before);
    expect(diff.missing.map((t) => t.externalId)).toEqual(missing);
    expect(diff.extra.map((i) => i.id)).toEqual(extra);
  });
});
