import { describe, expect, it } from 'vitest';
import { looksLikeLostAccess } from './reconcile-connection';

describe('looksLikeLostAccess', () => {
  it.each([
    [0, 0, false],
    [10, 10, false],
    [11, 22, true],
    [11, 23, false],
    [500, 1000, true],
    [499, 1000, false],
    [3, 3, false],
  ])('%i missing of %i in Portico → %s', (missing, inPortico, expected) => {
    expect(looksLikeLostAccess(missing, inPortico)).toBe(expected);
  });
});
