// Check 6's facts: which keys of the project filter project/search finds. Takes the client, so it is
// tested without Atlassian.
import type { JiraClient } from '../client';

/**
 * project/search takes at most 50 keys per call, so the filter is searched in batches of 50, four at
 * a time, up to 1,000 keys (20 calls); keys past that are reported as not checked.
 */
const SEARCH_BATCH = 50;
export const MAX_SEARCHED_KEYS = 1_000;
const SEARCH_CONCURRENCY = 4;

export async function searchFilter(client: Pick<JiraClient, 'searchProjects'>, filter: readonly string[]) {
  if (filter.length === 0) {
    const page = await client.searchProjects({ maxResults: 1 });
    return { foundKeys: [], checkedKeys: [], siteTotal: page.total ?? page.values.length };
  }
  const checkedKeys = filter.slice(0, MAX_SEARCHED_KEYS);
  const batches: string[][] = [];
  for (let start = 0; start < checkedKeys.length; start += SEARCH_BATCH) {
    batches.push(checkedKeys.slice(start, start + SEARCH_BATCH));
  }
  const found: string[][] = [];
  for (let start = 0; start < batches.length; start += SEARCH_CONCURRENCY) {
    const pages = await Promise.all(
      batches
        .slice(start, start + SEARCH_CONCURRENCY)
        .map((keys) => client.searchProjects({ keys, maxResults: SEARCH_BATCH })),
    );
    found.push(...pages.map((page) => page.values.map((project) => project.key)));
  }
  const foundKeys = found.flat();
  // Nothing of the filter found: does the user see any project at all?
  if (foundKeys.length > 0) return { foundKeys, checkedKeys, siteTotal: null };
  const any = await client.searchProjects({ maxResults: 1 });
  return { foundKeys, checkedKeys, siteTotal: any.total ?? any.values.length };
}
