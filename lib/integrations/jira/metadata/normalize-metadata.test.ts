import { describe, expect, it } from 'vitest';
import type { JiraSearchedStatus } from '../client/schemas';
import { statusesFromProjects, statusesFromSearch, toPriorityMeta, toProjectMeta } from './normalize-metadata';

const category = (key: string, id: number) => ({ id, key, name: key, colorName: 'x' });
const status = (id: string, name: string, cat: { id: number; key: string; name: string; colorName: string }) => ({ id, name, statusCategory: cat });
const TODO = category('new', 2);
const DOING = category('indeterminate', 4);
const DONE = category('done', 3);
const type = (name: string, statuses: ReturnType<typeof status>[]) => ({ name, statuses });

const projects = [
  { id: '100', key: 'PLAT', name: 'Platform', projectTypeKey: 'software' },
  { id: '200', key: 'MOB', name: 'Mobile', projectTypeKey: 'software' },
];

describe('toProjectMeta', () => {
  it.each([
    [{ '48x48': 'https://a/48', '24x24': 'https://a/24' }, { avatarUrl: 'https://a/48' }],
    [undefined, {}],
  ])('keeps the 48x48 avatar (%j)', (avatarUrls, expected) => {
    expect(toProjectMeta({ id: '1', key: 'K', name: 'N', projectTypeKey: 'business', avatarUrls })).toEqual({
      id: '1',
      key: 'K',
      name: 'N',
      projectTypeKey: 'business',
      ...expected,
    });
  });
});

describe('toPriorityMeta', () => {
  it('keeps Jira order as position, drops repeated ids and empty optional fields', () => {
    const result = toPriorityMeta([
      { id: '1', name: 'Highest', iconUrl: 'https://i/1', statusColor: '#d04437' },
      { id: '3', name: 'Medium', iconUrl: undefined, statusColor: undefined, isDefault: true },
      { id: '1', name: 'Highest again' },
      { id: '5', name: 'Lowest' },
    ]);
    expect(result).toEqual([
      { id: '1', name: 'Highest', position: 0, iconUrl: 'https://i/1', statusColor: '#d04437' },
      { id: '3', name: 'Medium', position: 1, isDefault: true },
      { id: '5', name: 'Lowest', position: 2 },
    ]);
  });
});

describe('statusesFromProjects (fallback path)', () => {
  it('de-duplicates by id and merges every project and issue type using a status', () => {
    const result = statusesFromProjects([
      { project: projects[0]!, issueTypes: [type('Bug', [status('1', 'Open', TODO), status('3', 'In Progress', DOING)]), type('Story', [status('1', 'Open', TODO)])] },
      { project: { key: 'MOB' }, issueTypes: [type('Task', [status('1', 'Open', TODO), status('10', 'Done', DONE)]), type('Bug', [status('1', 'Open', TODO)])] },
    ]);
    expect(result).toEqual([
      { id: '10', name: 'Done', category: 'DONE', usages: [{ projectKey: 'MOB', issueTypes: ['Task'] }] },
      { id: '3', name: 'In Progress', category: 'IN_PROGRESS', usages: [{ projectKey: 'PLAT', projectName: 'Platform', issueTypes: ['Bug'] }] },
      {
        id: '1',
        name: 'Open',
        category: 'TODO',
        usages: [
          { projectKey: 'MOB', issueTypes: ['Task', 'Bug'] },
          { projectKey: 'PLAT', projectName: 'Platform', issueTypes: ['Bug', 'Story'] },
        ],
      },
    ]);
  });

  it.each([
    [{ id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' }, 'IN_PROGRESS'],
    [{ id: 3, key: 'bogus', name: 'Fertig', colorName: 'green' }, 'DONE'],
    [{ id: 1, key: 'undefined', name: 'No Category', colorName: 'medium-gray' }, 'UNDEFINED'],
    [{ id: 99, key: 'x', name: 'To Do', colorName: 'blue-gray' }, 'TODO'],
  ])('normalises the object category %j to %s', (statusCategory, expected) => {
    const [result] = statusesFromProjects([{ project: { key: 'A' }, issueTypes: [type('Task', [{ id: '7', name: 'S', statusCategory }])] }]);
    expect(result?.category).toBe(expected);
  });

  it('keeps statuses of the same name apart when their ids differ (team-managed projects)', () => {
    const result = statusesFromProjects([
      { project: { key: 'A' }, issueTypes: [type('Task', [status('20', 'Done', DONE)])] },
      { project: { key: 'B' }, issueTypes: [type('Task', [status('21', 'Done', DONE)])] },
    ]);
    expect(result.map((s) => [s.id, s.usages.map((u) => u.projectKey)])).toEqual([
      ['20', ['A']],
      ['21', ['B']],
    ]);
  });
});

describe('statusesFromSearch (fast path)', () => {
  const searched: Omit<JiraSearchedStatus, 'description'>[] = [
    { id: '3', name: 'In Progress', statusCategory: 'IN_PROGRESS', scope: { type: 'GLOBAL' } },
    { id: '1', name: 'Open', statusCategory: 'TODO', scope: { type: 'GLOBAL' }, usages: [{ project: { id: '100' }, issueTypes: ['10001', '10002'] }, { project: { id: '999' }, issueTypes: [] }] },
    { id: '30', name: 'Shipped', statusCategory: 'DONE', scope: { type: 'PROJECT', project: { id: '200' } } },
    { id: '3', name: 'In Progress', statusCategory: 'IN_PROGRESS', scope: { type: 'GLOBAL' } },
  ];

  it('normalises the string category, de-duplicates by id, and takes usages from `usages`, else the project scope', () => {
    expect(statusesFromSearch(searched, projects)).toEqual([
      { id: '3', name: 'In Progress', category: 'IN_PROGRESS', usages: [] },
      { id: '1', name: 'Open', category: 'TODO', usages: [{ projectKey: 'PLAT', projectName: 'Platform', issueTypes: ['10001', '10002'] }] },
      { id: '30', name: 'Shipped', category: 'DONE', usages: [{ projectKey: 'MOB', projectName: 'Mobile', issueTypes: [] }] },
    ]);
  });

  it('with a project filter, leaves out statuses known to be used only outside it', () => {
    expect(statusesFromSearch(searched, projects, new Set(['PLAT'])).map((s) => s.id)).toEqual(['3', '1']);
    expect(statusesFromSearch(searched, projects, new Set(['MOB'])).map((s) => s.id)).toEqual(['3', '30']);
  });
});
