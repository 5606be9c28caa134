'use client';

import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { plural } from '@/lib/format/plural';
import { planProjectSearch, type SearchableProject } from '@/lib/integrations/jira/mapping/project-search';
import { projectStatusesQuery } from './api-client';

/** What the Statuses tab's search needs to find statuses by the projects that use them. */
export interface ProjectSearchSource {
  connectionId: string;
  projects: readonly SearchableProject[];
  /** False when every status's usage is already known (no project needs reading). */
  readsNeeded: boolean;
}

export interface ProjectSearch {
  /** Keys of the projects the query names: rows used in them match. */
  matching: string[];
  /** Status ids per project read from Jira for this query. */
  reads: Record<string, string[]>;
  reading: string[];
  failed: { key: string; message: string }[];
  hidden: string[];
  /** Matching projects not read because the query names too many; their global statuses are not found. */
  unread: number;
}

const NONE: ProjectSearch = { matching: [], reads: {}, reading: [], failed: [], hidden: [], unread: 0 };

/**
 * The projects a status search names, with the workflows of the few it names read from Jira: each project once
 * (cached with the Overrides tab's reads), never one request per keystroke nor one per project of the site.
 */
export function useProjectSearch(source: ProjectSearchSource | undefined, search: string): ProjectSearch {
  const plan = useMemo(() => (source ? planProjectSearch(search, source.projects) : undefined), [source, search]);
  const toRead = source?.readsNeeded && plan ? plan.toRead : [];
  return useQueries({
    queries: toRead.map((key) => projectStatusesQuery(source!.connectionId, key)),
    combine: (results): ProjectSearch => {
      if (!plan) return NONE;
      const found: ProjectSearch = { ...NONE, matching: plan.matching, reads: {}, reading: [], failed: [], hidden: [] };
      results.forEach((result, index) => {
        const key = toRead[index]!;
        if (result.data) {
          if (result.data.visible) found.reads[key] = result.data.statusIds;
          else found.hidden.push(key);
        } else if (result.isError) found.failed.push({ key, message: result.error.message });
        else found.reading.push(key);
      });
      found.unread = source?.readsNeeded ? plan.matching.length - toRead.length : 0;
      return found;
    },
  });
}

/** One line under the search: which workflows are being read, could not be read, or were left unread. */
export function ProjectSearchNote({ search, found }: { search: string; found: ProjectSearch }) {
  const query = search.trim();
  const list = (keys: string[]) => keys.join(', ');
  const anyRead = Object.keys(found.reads).length + found.reading.length + found.failed.length + found.hidden.length > 0;
  return (
    <>
      {found.reading.length ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Reading the workflow of {list(found.reading)} from Jira to find every status {found.reading.length === 1 ? 'it uses' : 'they use'}…
        </p>
      ) : null}
      {found.failed.map(({ key, message }) => (
        <p key={key} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {key}’s statuses could not be read, so only statuses known to be used in {key} are shown. {message}
        </p>
      ))}
      {found.hidden.length ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {found.hidden.length === 1
            ? `${found.hidden[0]} is not visible to the Jira user who connected Portico, so its statuses cannot be searched.`
            : `${list(found.hidden)} are not visible to the Jira user who connected Portico, so their statuses cannot be searched.`}
        </p>
      ) : null}
      {found.unread ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {`${plural(found.unread, anyRead ? 'more project matches' : 'project matches', anyRead ? 'more projects match' : 'projects match')} “${query}”: `}
          statuses shared across projects are found once the search names one project (its key, or enough of its name).
        </p>
      ) : null}
    </>
  );
}
