import { describe, expect, it } from 'vitest';
import { searchFilter } from './search-filter';

/** A client whose site holds every key starting with "P", answering in a tick, counting concurrency. */
function fakeClient() {
  const calls: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    calls,
    maxInFlight: () => maxInFlight,
    client: {
      searchProjects: async ({ keys = [] }: { keys?: string[]; maxResults?: number }) => {
        calls.push(keys);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        const values = keys.filter((key) => key.startsWith('P')).map((key) => ({ key }));
        return { values, total: keys.length ? values.length : 7, startAt: 0, maxResults: 50, isLast: true };
      },
    },
  };
}

describe('searchFilter', () => {
  it('checks every key of a 120-key filter in batches of 50', async () => {
    const fake = fakeClient();
    const keys = Array.from({ length: 120 }, (_, index) => `P${index}`);
    const result = await searchFilter(fake.client as never, keys);
    expect(result.foundKeys).toHaveLength(120);
    expect(result.checkedKeys).toEqual(keys);
    expect(fake.calls.map((batch) => batch.length)).toEqual([50, 50, 20]);
  });

  it('stops at 1,000 keys (20 calls), at most 4 at a time', async () => {
    const fake = fakeClient();
    const keys = Array.from({ length: 1_050 }, (_, index) => `P${index}`);
    const result = await searchFilter(fake.client as never, keys);
    expect(result.checkedKeys).toHaveLength(1_000);
    expect(fake.calls).toHaveLength(20);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(4);
  });

  it('nothing found: counts the site’s projects', async () => {
    const fake = fakeClient();
    expect(await searchFilter(fake.client as never, ['NOPE'])).toEqual({
      foundKeys: [],
      checkedKeys: ['NOPE'],
      siteTotal: 7,
    });
  });
});
