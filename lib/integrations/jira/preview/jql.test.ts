import { describe, expect, it } from 'vitest';
import { sampleJql, statusCountJql } from './jql';

describe('preview JQL', () => {
  it.each([
    [[], '10001', 'status = 10001'],
    [['ENG'], '3', 'project in ("ENG") AND status = 3'],
    [['ENG', 'OPS'], '3', 'project in ("ENG", "OPS") AND status = 3'],
  ])('counts status %s/%s', (keys, id, expected) => {
    expect(statusCountJql(keys, id)).toBe(expected);
  });

  it('bounds the sample query even without a project filter', () => {
    expect(sampleJql([])).toBe('project is not EMPTY ORDER BY updated DESC');
    expect(sampleJql(['ENG'])).toBe('project in ("ENG") ORDER BY updated DESC');
  });
});
