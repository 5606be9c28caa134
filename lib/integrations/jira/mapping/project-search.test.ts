import { describe, expect, it } from 'vitest';
import { buildMappingRows, filterMappingRows } from './editor-rows';
import { planProjectSearch, withProjectReads } from './project-search';
import type { StandardStatus } from './standard-model';

// The default sandbox's projects, and big-site's shape: keys P000… and names of two words and a number.
const projects = [
  { key: 'PLAT', name: 'Platform' },
  { key: 'MOB', name: 'Mobile App' },
  { key: 'HELP', name: 'IT Help Desk' },
  { key: 'MKT', name: 'Marketing Campaigns' },
  { key: 'OPS', name: 'Operations' },
];
const bigSite = Array.from({ length: 1050 }, (_, i) => ({ key: `P${i.toString(36).toUpperCase().padStart(3, '0')}`, name: `Atlas Beacon ${i}` }));

describe('planProjectSearch', () => {
  it.each([
    { search: '', matching: [], toRead: [] },
    { search: '   ', matching: [], toRead: [] },
    { search: 'MOB', matching: ['MOB'], toRead: ['MOB'] },
    { search: ' mob ', matching: ['MOB'], toRead: ['MOB'] },
    { search: 'mobile', matching: ['MOB'], toRead: ['MOB'] },
    { search: 'pl', matching: ['PLAT'], toRead: ['PLAT'] },
    // Few matches: every one is read.
    { search: 'op', matching: ['OPS'], toRead: ['OPS'] },
    { search: 'm', matching: ['PLAT', 'MOB', 'MKT'], toRead: ['PLAT', 'MOB', 'MKT'] },
    // More than three: none is read, unless the query spells one's key.
    { search: 'p', matching: ['PLAT', 'MOB', 'HELP', 'MKT', 'OPS'], toRead: [] },
    { search: 'zzz', matching: [], toRead: [] },
  ])('"$search" matches $matching and reads $toRead', ({ search, matching, toRead }) => {
    expect(planProjectSearch(search, projects)).toEqual({ matching, toRead });
  });

  it('on 1,050 projects reads nothing for a broad query and only the project a key names exactly', () => {
    expect(planProjectSearch('atlas', bigSite)).toMatchObject({ toRead: [] });
    expect(planProjectSearch('atlas', bigSite).matching).toHaveLength(1050);
    expect(planProjectSearch('P0', bigSite).toRead).toEqual([]);
    const exact = planProjectSearch('p01a', bigSite);
    expect(exact.toRead).toEqual(['P01A']);
    expect(exact.matching).toEqual(['P01A']);
    // "Atlas Beacon 100" also matches 1000 to 1009: eleven projects, none read.
    expect(planProjectSearch('Atlas Beacon 100', bigSite)).toMatchObject({ toRead: [] });
    expect(planProjectSearch('Atlas Beacon 1049', bigSite)).toEqual({ matching: ['P0T5'], toRead: ['P0T5'] });
  });
});

describe('withProjectReads and the status search', () => {
  // Global statuses (no usage known from statuses/search) and one team-managed status of MOB.
  const statuses = [
    { id: '1', name: 'Open', category: 'TODO' as const, usedIn: [] },
    { id: '3', name: 'In Progress', category: 'IN_PROGRESS' as const, usedIn: [] },
    { id: '10001', name: 'Done', category: 'DONE' as const, usedIn: [] },
    { id: '10100', name: 'Shipped', category: 'DONE' as const, usedIn: ['MOB'] },
  ];
  const rows = buildMappingRows<StandardStatus>(statuses, {}, {}, {}, 'UNKNOWN');
  const search = (query: string, reads: Record<string, string[]>) => {
    const plan = planProjectSearch(query, projects);
    return filterMappingRows(withProjectReads(rows, reads), { search: query, filter: 'all', projects: plan.matching }).map((row) => row.id);
  };

  it.each<{ query: string; reads: Record<string, string[]>; found: string[] }>([
    // Seen: a project key found only statuses whose usage statuses/search already knew.
    { query: 'PLAT', reads: {}, found: [] },
    { query: 'PLAT', reads: { PLAT: ['1', '3', '10001'] }, found: ['1', '3', '10001'] },
    { query: 'platform', reads: { PLAT: ['1', '3'] }, found: ['1', '3'] },
    { query: 'MOB', reads: {}, found: ['10100'] },
    { query: 'mobile', reads: {}, found: ['10100'] },
    { query: 'MOB', reads: { MOB: ['10100', '3'] }, found: ['3', '10100'] },
    // A status's own name still matches; a read of another project adds nothing to this search.
    { query: 'done', reads: { PLAT: ['1'] }, found: ['10001'] },
    { query: 'OPS', reads: { PLAT: ['1'] }, found: [] },
  ])('"$query" with reads $reads finds $found', ({ query, reads, found }) => {
    expect(search(query, reads)).toEqual(found);
  });

  it('adds read projects to "Used in" once, sorted, and keeps untouched rows as the same objects', () => {
    const next = withProjectReads(rows, { PLAT: ['3'], MOB: ['10100', '3'], HELP: ['3'] });
    expect(next.map((row) => row.usedIn)).toEqual([[], ['HELP', 'MOB', 'PLAT'], [], ['MOB']]);
    expect(next[0]).toBe(rows[0]);
    expect(next[3]).toBe(rows[3]);
    expect(withProjectReads(rows, {})).toBe(rows);
  });
});
