import { describe, expect, it } from 'vitest';
import type { IssueSource } from './issue-source';
import { IssueStore } from './issue-store';
import type { IssueDef } from './types';

// Three base issues, B-1 with ids 100..102.
const base = (): IssueSource => {
  const keys = ['A-1', 'A-2', 'B-1'];
  const at = (i: number): IssueDef => ({ id: String(100 + i), key: keys[i]!, projectId: keys[i]!.startsWith('A') ? 'a' : 'b', issueTypeId: 't', statusId: 's', priorityId: 'p', summary: `issue ${i}`, created: 0, updated: 0, assigneeId: null, reporterId: 'r', labels: [], duedate: null, parentId: null, resolved: null });
  return { size: 3, firstId: 100, at, indexOfKey: (k) => keys.indexOf(k), issueCountOf: (p) => (p === 'a' ? 2 : 1), rangeOf: (p) => (p === 'a' ? [0, 2] : [2, 3]) };
};
const ids = (it: Iterable<IssueDef>) => [...it].map((i) => i.id);

describe('IssueStore', () => {
  it('overlays new versions, deletions and created issues on the base, in id order', () => {
    const store = new IssueStore(base());
    const v0 = store.version;
    store.replace({ ...store.get('A-2')!, summary: 'edited' });
    expect(store.remove('100')).toBe(true);
    expect(store.remove('100')).toBe(false);
    const created = store.insert({ ...store.get('B-1')!, key: `B-${store.allocateNumber('b')}` });
    expect(created).toMatchObject({ id: '103', key: 'B-2' });
    expect(ids(store.scan())).toEqual(['101', '102', '103']);
    expect(ids(store.scanAfter(101))).toEqual(['102', '103']);
    expect(ids(store.scanAfter(102))).toEqual(['103']);
    expect(store.get('a-2')?.summary).toBe('edited');
    expect(store.get('A-1')).toBeNull();
    expect(store.size).toBe(3);
    expect(store.version).toBe(v0 + 3);
  });

  it('finds a moved issue by its old key and never reuses issue numbers', () => {
    const store = new IssueStore(base());
    const moved = { ...store.get('A-1')!, key: `B-${store.allocateNumber('b')}`, projectId: 'b' };
    store.replace(moved);
    expect(store.get('A-1')?.key).toBe('B-2');
    expect(store.get('B-2')?.id).toBe('100');
    expect(store.allocateNumber('b')).toBe(3);
    expect(store.allocateNumber('a')).toBe(3);
    // Scoped scans see the moved issue in its new project only.
    expect(ids(store.scanProjects(new Set(['b'])))).toEqual(['100', '102']);
    expect(ids(store.scanProjects(new Set(['a'])))).toEqual(['101']);
    expect(ids(store.scanProjects(new Set(['b']), 100))).toEqual(['102']);
  });
});
