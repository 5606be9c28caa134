import { describe, expect, it } from 'vitest';
import {
  normalizeStatusCategory,
  STATUS_CATEGORIES,
  STATUS_CATEGORY_DISPLAY,
  type StatusCategory,
  type StatusCategoryInput,
} from './status-category';

// The four built-in categories exactly as GET /rest/api/3/statuscategory returns them.
const jiraObjects: [StatusCategoryInput, StatusCategory][] = [
  [{ id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' }, 'UNDEFINED'],
  [{ id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' }, 'TODO'],
  [{ id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' }, 'IN_PROGRESS'],
  [{ id: 3, key: 'done', colorName: 'green', name: 'Done' }, 'DONE'],
];

describe('normalizeStatusCategory', () => {
  it.each(jiraObjects)('reads the object form %j', (input, expected) => {
    expect(normalizeStatusCategory(input)).toBe(expected);
  });

  it.each([
    ['TODO', 'TODO'],
    ['IN_PROGRESS', 'IN_PROGRESS'],
    ['DONE', 'DONE'],
    ['UNDEFINED', 'UNDEFINED'],
    [' done ', 'DONE'],
    ['new', 'TODO'],
    ['indeterminate', 'IN_PROGRESS'],
    ['SOMETHING_NEW', 'UNDEFINED'],
  ] as const)('reads the string form %s', (input, expected) => {
    expect(normalizeStatusCategory(input)).toBe(expected);
  });

  it.each([
    [{ id: 4 }, 'IN_PROGRESS'],
    [{ key: 'done' }, 'DONE'],
    [{ name: 'In Progress' }, 'IN_PROGRESS'],
    // The key wins over a localised name ("Terminé" on a French site).
    [{ id: 3, key: 'done', name: 'Terminé' }, 'DONE'],
    [{ id: 99, key: 'custom' }, 'UNDEFINED'],
    [{}, 'UNDEFINED'],
    [null, 'UNDEFINED'],
    [undefined, 'UNDEFINED'],
  ] as const)('copes with partial or missing input %j', (input, expected) => {
    expect(normalizeStatusCategory(input)).toBe(expected);
  });
});

describe('STATUS_CATEGORY_DISPLAY', () => {
  it('uses the names Jira shows', () => {
    expect(STATUS_CATEGORIES.map((category) => STATUS_CATEGORY_DISPLAY[category].label)).toEqual([
      'To Do',
      'In Progress',
      'Done',
      'No Category',
    ]);
  });

  it('gives every category a distinct tone', () => {
    const tones = STATUS_CATEGORIES.map((category) => STATUS_CATEGORY_DISPLAY[category].tone);
    expect(new Set(tones).size).toBe(STATUS_CATEGORIES.length);
  });
});
