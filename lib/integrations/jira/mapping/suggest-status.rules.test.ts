import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpenWorkStatus, STANDARD_STATUSES } from './standard-model';
import type { StatusCategoryInput } from './status-category';
import { STATUS_KEYWORD_RULES } from './status-keywords';
import { suggestStatus } from './suggest-status';

describe('suggestStatus reasons', () => {
  it.each([
    ['In Review', 'IN_PROGRESS', { code: 'keyword', text: "keyword 'in review'" }],
    ['Spike', 'IN_PROGRESS', { code: 'category', text: 'category In Progress' }],
    ['Review', 'DONE', { code: 'category', text: "category Done overrides keyword 'review'" }],
    ['Closed', 'TODO', { code: 'category', text: "category To Do overrides keyword 'closed'" }],
    ['Whatever', undefined, { code: 'none', text: 'no keyword matched and the status has no category' }],
    ['', 'UNDEFINED', { code: 'none', text: 'no keyword matched and the status has no category' }],
  ] as const)('%s in %s', (name, category, reason) => {
    expect(suggestStatus({ name, category }).reason).toEqual(reason);
  });
});

describe('suggestStatus matches words, not substrings', () => {
  it.each([
    ['Unblocked', 'UNKNOWN'],
    ['Reopened', 'OPEN'],
    ['Not Done', 'UNKNOWN'],
    ['Not blocked', 'UNKNOWN'],
    ['Holding Pattern', 'UNKNOWN'],
    ['Progressive Rollout', 'UNKNOWN'],
    ['Donezo', 'UNKNOWN'],
    ['Won’t Do', 'CANCELLED'],
    ['WONT-FIX', 'CANCELLED'],
    ['in   review', 'IN_REVIEW'],
    ['ready_for_review', 'IN_REVIEW'],
    ['Ready for Release', 'RESOLVED'],
  ] as const)('%s -> %s', (name, expected) => {
    // No category, so the keyword alone decides and the test sees the matcher, not the family rule.
    expect(suggestStatus({ name, category: 'UNDEFINED' }).value).toBe(expected);
  });
});

describe('suggestStatus accepts both category forms', () => {
  const done: StatusCategoryInput[] = [
    'DONE',
    { id: 3, key: 'done', colorName: 'green', name: 'Done' },
    { id: 3 },
    { name: 'Done' },
  ];
  it.each(done)('treats %j as Done', (category) => {
    expect(suggestStatus({ name: 'Code Review', category }).value).toBe('RESOLVED');
  });

  it('treats a missing category as unknown, not as open work', () => {
    expect(suggestStatus({ name: 'Mystery', category: null }).value).toBe('UNKNOWN');
  });
});

describe('the Done-category safety rule holds for any name', () => {
  const phrases = STATUS_KEYWORD_RULES.flatMap((rule) => rule.phrases);
  const fragment = fc.oneof(fc.constantFrom(...phrases), fc.constantFrom('-', '/', 'not', '(', ')'), fc.string());
  const name = fc.array(fragment, { maxLength: 5 }).map((parts) => parts.join(' '));
  const doneCategory = fc.constantFrom<StatusCategoryInput>('DONE', { id: 3, key: 'done', name: 'Done' });

  it('never returns open work for keyword-rich names', () => {
    fc.assert(
      fc.property(name, doneCategory, (statusName, category) => {
        expect(isOpenWorkStatus(suggestStatus({ name: statusName, category }).value)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never returns open work for arbitrary unicode names, and always returns a standard value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (statusName) => {
        const suggestion = suggestStatus({ name: statusName, category: 'DONE' });
        expect(isOpenWorkStatus(suggestion.value)).toBe(false);
        expect(STANDARD_STATUSES).toContain(suggestion.value);
      }),
      { numRuns: 1_000 },
    );
  });

  it('holds for every phrase in the keyword table', () => {
    for (const phrase of phrases) {
      expect(isOpenWorkStatus(suggestStatus({ name: phrase, category: 'DONE' }).value), phrase).toBe(false);
    }
  });
});

describe('the category decides the family for any name', () => {
  const phrases = STATUS_KEYWORD_RULES.flatMap((rule) => rule.phrases);
  const name = fc
    .array(fc.oneof(fc.constantFrom(...phrases), fc.constantFrom('-', 'for', 'not'), fc.string()), { maxLength: 4 })
    .map((parts) => parts.join(' '));
  const families = {
    TODO: ['OPEN', 'TODO'],
    IN_PROGRESS: ['IN_PROGRESS', 'IN_REVIEW', 'BLOCKED', 'PENDING'],
    DONE: ['RESOLVED', 'CLOSED', 'CANCELLED'],
  } as const;

  it('never leaves the family of the Jira category, and always explains itself', () => {
    fc.assert(
      fc.property(
        name,
        fc.constantFrom<keyof typeof families>('TODO', 'IN_PROGRESS', 'DONE'),
        (statusName, category) => {
          const suggestion = suggestStatus({ name: statusName, category });
          expect(families[category] as readonly string[]).toContain(suggestion.value);
          expect(suggestion.reason.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
