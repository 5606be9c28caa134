import { describe, expect, it } from 'vitest';
import { filterDiffersFromSynced } from './sync-schedule';

describe('filterDiffersFromSynced', () => {
  it('is false for the same projects in any order, so a mapping-only save makes no Jira call', () => {
    expect(filterDiffersFromSynced(['PLAT', 'MOB'], ['MOB', 'PLAT'])).toBe(false);
    expect(filterDiffersFromSynced([], [])).toBe(false);
  });

  it('is true when projects were added or removed, or nothing was synced yet', () => {
    expect(filterDiffersFromSynced(['PLAT', 'MOB'], ['PLAT'])).toBe(true);
    expect(filterDiffersFromSynced(['PLAT'], ['PLAT', 'MOB'])).toBe(true);
    expect(filterDiffersFromSynced(['PLAT'], null)).toBe(true);
  });
});
