'use client';

import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { JiraProjectMeta } from '@/lib/integrations/jira/metadata/types';
import { JiraAvatar } from '@/components/integrations/jira-avatar';
import { describeProjectSelection } from '@/lib/integrations/jira/mapping/project-selection';
import { WarningNotice } from '@/components/ui/warning-notice';

interface ProjectFilterEditorProps {
  /** Project avatars load through this connection (they need its token). */
  connectionId: string;
  projects: JiraProjectMeta[];
  selected: string[];
  readOnly: boolean;
  onChange: (keys: string[]) => void;
}

const VISIBLE_LIMIT = 200;

export function ProjectFilterEditor({ connectionId, projects, selected, readOnly, onChange }: ProjectFilterEditorProps) {
  const [search, setSearch] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const selection = useMemo(() => describeProjectSelection(selected, projects.map((project) => project.key)), [selected, projects]);
  const { missing } = selection;
  const needle = search.trim().toLowerCase();
  const matches = projects.filter((project) => !needle || project.key.toLowerCase().includes(needle) || project.name.toLowerCase().includes(needle));
  const toggle = (key: string) => onChange(chosen.has(key) ? selected.filter((other) => other !== key) : [...selected, key].sort());

  return (
    <section aria-label="Project filter" className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {selected.length === 0 ? (
          <>
            <strong>All projects</strong> the authorizing user can see are synced. Choose projects to sync only those.
          </>
        ) : (
          <>
            <strong>{selection.summary}</strong>
            {selection.missingSummary ? ` · ${selection.missingSummary} (see below)` : ''}.
          </>
        )}
      </p>
      {missing.length > 0 ? (
        <WarningNotice>
          <p className="font-medium">Not found or not visible in Jira: {missing.join(', ')}</p>
          <p className="mt-1">
            The project was deleted or renamed, or the authorizing user lost Browse Projects permission. Grant the permission in Jira, or remove the key from
            the filter.
          </p>
          {!readOnly ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {missing.map((key) => (
                <Button key={key} type="button" variant="secondary" onClick={() => toggle(key)}>
                  Remove {key}
                </Button>
              ))}
            </div>
          ) : null}
        </WarningNotice>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor="project-search" className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Search projects by key or name
          </label>
          <input id="project-search" type="search" className="input mt-1" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        {!readOnly && selected.length > 0 ? (
          <Button type="button" variant="ghost" onClick={() => onChange([])}>
            Sync all projects
          </Button>
        ) : null}
      </div>
      <fieldset className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <legend className="sr-only">Projects to sync</legend>
        <ul className="max-h-[28rem] divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800">
          {matches.slice(0, VISIBLE_LIMIT).map((project) => (
            <li key={project.key}>
              <label className="flex cursor-pointer items-center gap-3 px-4 py-2.5 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                <input type="checkbox" checked={chosen.has(project.key)} disabled={readOnly} onChange={() => toggle(project.key)} />
                <JiraAvatar src={project.avatarUrl} name={project.name} connectionId={connectionId} />
                <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{project.key}</span>
                <span className="flex-1 truncate font-medium">{project.name}</span>
                <Badge>{project.projectTypeKey.replace('_', ' ')}</Badge>
              </label>
            </li>
          ))}
        </ul>
        {matches.length > VISIBLE_LIMIT ? (
          <p className="border-t border-zinc-100 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            Showing {VISIBLE_LIMIT} of {matches.length}; search to narrow down.
          </p>
        ) : null}
        {matches.length === 0 ? <p className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">No project matches “{search}”.</p> : null}
      </fieldset>
    </section>
  );
}
