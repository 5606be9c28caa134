import { JiraError } from './errors';
import type { PageBean } from './schemas';

// Guards against a server that never says "last page" (or keeps answering startAt=0).
const MAX_PAGES = 500;

/**
 * Follows Jira's offset pagination (PageBean). `isLast` decides when present; otherwise `total`;
 * otherwise a short page. Jira may return fewer than `maxResults` items on a page that is not
 * the last one, so the next offset is `startAt + values.length`, not `startAt + maxResults`.
 */
export async function collectPages<T>(
  operation: string,
  fetchPage: (startAt: number) => Promise<PageBean<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let startAt = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await fetchPage(startAt);
    items.push(...result.values);
    const nextStart = result.startAt + result.values.length;
    const isLast =
      result.isLast ??
      (result.total !== undefined ? nextStart >= result.total : result.values.length < result.maxResults);
    if (isLast || result.values.length === 0) return items;
    startAt = nextStart;
  }
  throw new JiraError('bad_response', `Jira call ${operation} did not reach its last page after ${MAX_PAGES} pages.`, {
    operation,
  });
}
