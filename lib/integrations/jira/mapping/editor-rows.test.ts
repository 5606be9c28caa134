import { describe, expect, it } from 'vitest';
import { describeAbsentPriority, describeAbsentStatus } from './absent-values';
import { buildMappingRows, countUnmapped, filterMappingRows, foldCounts } from './editor-rows';
import type { StandardStatus } from './standard-model';
import { suggestStatusMappings } from './suggest-mappings';

const statuses = [
  { id: '1', name: 'To Do', category: 'TODO' as const, usedIn: ['ENG'] },
  { id: '3', name: 'In Review', category: 'IN_PROGRESS' as const, usedIn: ['ENG', 'OPS'] },
  { id: '10001', name: 'Done', category: 'DONE' as const, usedIn: ['OPS'] },
];
const suggestions = suggestStatusMappings(statuses);

describe('buildMappingRows', () => {
  const rows = buildMappingRows<StandardStatus>(statuses, { '1': 'TODO', '3': 'IN_PROGRESS', '99': 'CLOSED' }, { '1': 'TODO', '99': 'CLOSED' }, suggestions, 'UNKNOWN');

  it('marks changed, unmapped and vanished values', () => {
    expect(rows.map((row) => [row.id, row.value, row.changed, row.unmapped, row.missingFromJira])).toEqual([
      ['1', 'TODO', false, false, false],
      ['3', 'IN_PROGRESS', true, false, false],
      ['10001', 'UNKNOWN', false, true, false],
      ['99', 'CLOSED', false, false, true],
    ]);
  });

  it('filters by state, category and search over names and projects', () => {
    expect(filterMappingRows(rows, { search: '', filter: 'unmapped' }).map((row) => row.id)).toEqual(['10001']);
    expect(filterMappingRows(rows, { search: '', filter: 'changed' }).map((row) => row.id)).toEqual(['3']);
    expect(filterMappingRows(rows, { search: '', filter: 'missing' }).map((row) => row.id)).toEqual(['99']);
    expect(filterMappingRows(rows, { search: 'ops', filter: 'all' }).map((row) => row.id)).toEqual(['3', '10001']);
    expect(filterMappingRows(rows, { search: '', filter: 'all', category: 'DONE' }).map((row) => row.id)).toEqual(['10001']);
    expect(filterMappingRows(rows, { search: '', filter: 'differs_from_suggestion' }).map((row) => row.id)).toContain('3');
  });
});

describe('foldCounts and countUnmapped', () => {
  it('sums issues per standard value, unmapped as UNKNOWN', () => {
    expect(foldCounts<StandardStatus>({ '1': 10, '3': 5, '10001': 2 }, { '1': 'TODO', '3': 'TODO' }, 'UNKNOWN')).toEqual({ TODO: 15, UNKNOWN: 2 });
  });

  it('counts values without a mapping or mapped to UNKNOWN', () => {
    expect(countUnmapped(['1', '3', '10001'], { '1': 'TODO', '3': 'UNKNOWN' })).toBe(2);
  });
});

describe('buildMappingRows with values not in use', () => {
  const knowledge = (siteStatusesListed: boolean) => ({
    siteStatusesListed,
    otherStatuses: [{ id: '10009', name: 'Waiting for Vendor', category: 'IN_PROGRESS' as const }],
    snapshot: { '10010': { name: 'Awaiting Approval', category: 'TODO' as const } },
  });
  const mapping = { '1': 'TODO', '10009': 'BLOCKED', '10010': 'OPEN' } as const;
  const rowsFor = (siteStatusesListed: boolean) =>
    buildMappingRows<StandardStatus>(statuses, mapping, mapping, suggestions, 'UNKNOWN', (id) => describeAbsentStatus(id, knowledge(siteStatusesListed)));

  it('keeps names and claims "Removed from Jira" only when the complete site-wide list lacks the status', () => {
    expect(rowsFor(true).slice(3).map((row) => [row.id, row.name, row.absence, row.missingFromJira])).toEqual([
      ['10009', 'Waiting for Vendor', 'not_in_use', false],
      ['10010', 'Awaiting Approval', 'removed_from_jira', true],
    ]);
  });

  it('calls a status it cannot see "not visible", never removed, when the site-wide list was not read', () => {
    expect(rowsFor(false).slice(3).map((row) => [row.id, row.name, row.absence, row.missingFromJira])).toEqual([
      ['10009', 'Waiting for Vendor', 'not_in_use', false],
      ['10010', 'Awaiting Approval', 'not_visible', false],
    ]);
    expect(filterMappingRows(rowsFor(false), { search: '', filter: 'missing' })).toEqual([]);
  });

  it('names a status Portico never saw by its id, not as "Status or priority"', () => {
    expect(describeAbsentStatus('777', {}).name).toBe('Status 777');
    expect(describeAbsentPriority('5').name).toBe('Priority 5');
  });
});
