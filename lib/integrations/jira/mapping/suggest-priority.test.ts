import { describe, expect, it } from 'vitest';
import type { StandardPriority } from './standard-model';
import { suggestPriorityMappings } from './suggest-mappings';
import { suggestPriority } from './suggest-priority';

// Atlassian's default scheme, JSM/ITSM numbered schemes, Bugzilla-style severities and common custom names.
const byName: [name: string, expected: StandardPriority][] = [
  ['Highest', 'CRITICAL'],
  ['High', 'HIGH'],
  ['Medium', 'MEDIUM'],
  ['Low', 'LOW'],
  ['Lowest', 'INFORMATIONAL'],
  ['Blocker', 'CRITICAL'],
  ['Critical', 'CRITICAL'],
  ['Major', 'HIGH'],
  ['Minor', 'LOW'],
  ['Trivial', 'INFORMATIONAL'],
  ['Urgent', 'CRITICAL'],
  ['Emergency', 'CRITICAL'],
  ['Showstopper', 'CRITICAL'],
  ['Show Stopper', 'CRITICAL'],
  ['Normal', 'MEDIUM'],
  ['Moderate', 'MEDIUM'],
  ['Default', 'MEDIUM'],
  ['Cosmetic', 'INFORMATIONAL'],
  ['Informational', 'INFORMATIONAL'],
  ['Info', 'INFORMATIONAL'],
  ['P1 - Critical', 'CRITICAL'],
  ['P2 - High', 'HIGH'],
  ['P3 - Medium', 'MEDIUM'],
  ['P4 - Low', 'LOW'],
  ['P5 - Lowest', 'INFORMATIONAL'],
  ['P1: High', 'HIGH'],
  ['Very High', 'CRITICAL'],
  ['Very Low', 'INFORMATIONAL'],
  ['Medium-High', 'HIGH'],
  ['Not Urgent', 'LOW'],
  ['Nice to have', 'INFORMATIONAL'],
  ['None', 'UNKNOWN'],
  ['Not set', 'UNKNOWN'],
  ['Unprioritized', 'UNKNOWN'],
  ['Höchste', 'CRITICAL'],
  ['Hoch', 'HIGH'],
  ['Mittel', 'MEDIUM'],
  ['Niedrig', 'LOW'],
  ['Haute', 'HIGH'],
  ['Baja', 'LOW'],
];

const numbered: [name: string, fromOne: StandardPriority, fromZero: StandardPriority][] = [
  ['P0', 'CRITICAL', 'CRITICAL'],
  ['P1', 'CRITICAL', 'HIGH'],
  ['P2', 'HIGH', 'MEDIUM'],
  ['P3', 'MEDIUM', 'LOW'],
  ['P4', 'LOW', 'INFORMATIONAL'],
  ['P5', 'INFORMATIONAL', 'INFORMATIONAL'],
  ['Sev1', 'CRITICAL', 'HIGH'],
  ['Sev 2', 'HIGH', 'MEDIUM'],
  ['S1', 'CRITICAL', 'HIGH'],
  ['Severity-3', 'MEDIUM', 'LOW'],
  ['Priority 4', 'LOW', 'INFORMATIONAL'],
];

describe('suggestPriority', () => {
  it.each(byName)('%s -> %s', (name, expected) => {
    const suggestion = suggestPriority({ name });
    expect(suggestion.value).toBe(expected);
    expect(suggestion.reason.code).toBe('keyword');
  });

  it.each(numbered)('%s -> %s on a scale from 1, %s on a scale from 0', (name, fromOne, fromZero) => {
    expect(suggestPriority({ name, scale: 'from_one' })).toMatchObject({ value: fromOne, confidence: 'high' });
    expect(suggestPriority({ name, scale: 'from_zero' })).toMatchObject({ value: fromZero, confidence: 'high' });
    // Without the rest of the list the scale is a guess, and the confidence says so.
    expect(suggestPriority({ name })).toMatchObject({ value: fromOne, confidence: 'medium' });
  });

  it('explains keyword matches', () => {
    expect(suggestPriority({ name: 'Blocker' }).reason.text).toBe("keyword 'blocker'");
    expect(suggestPriority({ name: 'Sev 2' }).reason.text).toBe("keyword 'sev 2'");
  });

  it.each([
    [1, 5, 'CRITICAL'],
    [2, 5, 'HIGH'],
    [3, 5, 'MEDIUM'],
    [4, 5, 'LOW'],
    [5, 5, 'INFORMATIONAL'],
    [1, 3, 'CRITICAL'],
    [2, 3, 'MEDIUM'],
    [3, 3, 'INFORMATIONAL'],
    [1, 1, 'MEDIUM'],
  ] as const)('falls back on position %i of %i -> %s', (position, total, expected) => {
    expect(suggestPriority({ name: 'Whenever', position, total })).toEqual({
      value: expected,
      reason: { code: 'position', text: `position ${position} of ${total}` },
      confidence: 'low',
    });
  });

  it.each([
    [undefined, undefined],
    [0, 5],
    [6, 5],
    [1.5, 5],
  ])('returns UNKNOWN without a usable position (%s of %s)', (position, total) => {
    expect(suggestPriority({ name: 'Whenever', position, total })).toMatchObject({
      value: 'UNKNOWN',
      reason: { code: 'none' },
    });
  });
});

describe("the site's default priority (isDefault) is the normal one", () => {
  it.each([
    ['Major', 'medium', "site default priority (overrides keyword 'major')"],
    ['Minor', 'medium', "site default priority (overrides keyword 'minor')"],
    ['Medium', 'high', 'site default priority'],
    ['P3', 'high', 'site default priority'],
    ['Whenever', 'high', 'site default priority'],
  ] as const)('%s as the default -> MEDIUM, %s confidence', (name, confidence, text) => {
    expect(suggestPriority({ name, isDefault: true, position: 2, total: 5 })).toEqual({
      value: 'MEDIUM',
      reason: { code: 'default', text },
      confidence,
    });
  });

  it('keeps "no priority" names as UNKNOWN even when they are the default', () => {
    expect(suggestPriority({ name: 'None', isDefault: true }).value).toBe('UNKNOWN');
  });

  it('suggests MEDIUM for "Major" in a Jira Server style scheme where Major is the default', () => {
    const scheme = [
      { id: '1', name: 'Blocker' },
      { id: '2', name: 'Critical' },
      { id: '3', name: 'Major', isDefault: true },
      { id: '4', name: 'Minor' },
      { id: '5', name: 'Trivial' },
    ];
    const suggested = suggestPriorityMappings(scheme);
    expect(Object.fromEntries(Object.entries(suggested).map(([id, s]) => [id, s.value]))).toEqual({
      '1': 'CRITICAL',
      '2': 'CRITICAL',
      '3': 'MEDIUM',
      '4': 'LOW',
      '5': 'INFORMATIONAL',
    });
    expect(suggestPriorityMappings(scheme.map(({ id, name }) => ({ id, name })))['3']?.value).toBe('HIGH');
  });
});
