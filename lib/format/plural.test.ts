import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it.each([
    [0, 'status', 'statuses', '0 statuses'],
    [1, 'status', 'statuses', '1 status'],
    [2, 'status', 'statuses', '2 statuses'],
    [1, 'project', undefined, '1 project'],
    [1050, 'project', undefined, '1050 projects'],
    [1, 'priority', 'priorities', '1 priority'],
  ])('%i %s', (count, singular, pluralForm, expected) => {
    expect(plural(count, singular, pluralForm)).toBe(expected);
  });
});
