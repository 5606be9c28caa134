'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
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

const ROW_HEIGHT = 45;
type View = 'all' | 'selected';

export function ProjectFilterEditor({
  connectionId,
  projects,
  selected,
  readOnly,
  onChange,
}: ProjectFilterEditorProps) {
  const [search, setSearch] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const selection = useMemo(
    () =>
      describeProjectSelection(
        selected,
        projects.map((project) => project.key),
      ),
    [selected, projects],
  );
  const { missing } = selection;
  const [view, setView] = useState<View>('all');
  // Filtering 1,050 projects runs a render behind the keystroke, so the box never waits for the list.
  const needle = useDeferredValue(search).trim().toLowerCase();
  const matches = useMemo(
    () =>
      projects.filter(
        (project) =>
          (view === 'all' || chosen.has(project.key)) &&
          (!needle || project.key.toLowerCase().includes(needle) || project.name.toLowerCase().includes(needle)),
      ),
    [projects, view, chosen, needle],
  );
  const toggle = (key: string) =>
    onChange(chosen.has(key) ? selected.filter((other) => other !== key) : [...selected, key].sort());
  const matchingKeys = matches.map((project) => project.key);
  const unchosenMatches = matchingKeys.filter((key) => !chosen.has(key)).length;
  const chosenMatches = matchingKeys.length - unchosenMatches;
  const selectMatching = () => onChange([...new Set([...selected, ...matchingKeys])].sort());
  const clearMatching = () => {
    const drop = new Set(matchingKeys);
    onChange(selected.filter((key) => !drop.has(key)));
  };

  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler is not enabled here; the virtualizer re-renders this component as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: matches.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

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
            The project was deleted or renamed, or the authorizing user lost Browse Projects permission. Grant the
            permission in Jira, or remove the key from the filter.
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
          <input
            id="project-search"
            type="search"
            className="input mt-1"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor="project-view" className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Show
          </label>
          <select
            id="project-view"
            className="input mt-1"
            value={view}
            onChange={(event) => setView(event.target.value as View)}
          >
            <option value="all">All projects</option>
            <option value="selected">Selected only ({selection.shown.length.toLocaleString('en-US')})</option>
          </select>
        </div>
        {!readOnly ? (
          <div className="flex flex-wrap gap-2">
            {view === 'all' ? (
              <Button type="button" variant="secondary" disabled={unchosenMatches === 0} onClick={selectMatching}>
                {needle
                  ? `Select all ${matches.length.toLocaleString('en-US')} matching`
                  : `Select all ${matches.length.toLocaleString('en-US')}`}
              </Button>
            ) : null}
            <Button type="button" variant="ghost" disabled={chosenMatches === 0} onClick={clearMatching}>
              {needle || view === 'selected'
                ? `Clear ${chosenMatches.toLocaleString('en-US')} matching`
                : 'Clear selection'}
            </Button>
            {selected.length > 0 ? (
              <Button type="button" variant="ghost" onClick={() => onChange([])}>
                Sync all projects
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <fieldset className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <legend className="sr-only">Projects to sync</legend>
        <p className="sr-only" aria-live="polite">
          {matches.length.toLocaleString('en-US')} {matches.length === 1 ? 'project' : 'projects'} shown
        </p>
        {/* Only the rows in view are rendered (1,050 projects); the search box finds any of them. */}
        <div
          ref={scroller}
          className="max-h-[28rem] overflow-y-auto [&_input]:scroll-mb-28 [&_input]:scroll-mt-4"
          data-testid="project-scroller"
        >
          <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const project = matches[item.index]!;
              return (
                <ProjectRow
                  key={project.key}
                  project={project}
                  top={item.start}
                  position={item.index + 1}
                  setSize={matches.length}
                  checked={chosen.has(project.key)}
                  readOnly={readOnly}
                  connectionId={connectionId}
                  onToggle={toggle}
                />
              );
            })}
          </ul>
        </div>
        {matches.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
            {view === 'selected' && !needle
              ? 'No project selected: every project is synced.'
              : `No project matches “${search}”.`}
          </p>
        ) : null}
      </fieldset>
    </section>
  );
}

interface ProjectRowProps {
  project: JiraProjectMeta;
  top: number;
  position: number;
  setSize: number;
  checked: boolean;
  readOnly: boolean;
  connectionId: string;
  onToggle: (key: string) => void;
}

const ProjectRow = memo(function ProjectRow({
  project,
  top,
  position,
  setSize,
  checked,
  readOnly,
  connectionId,
  onToggle,
}: ProjectRowProps) {
  return (
    <li
      aria-posinset={position}
      aria-setsize={setSize}
      className="absolute inset-x-0 border-b border-zinc-100 dark:border-zinc-800"
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <label className="flex h-full cursor-pointer items-center gap-3 px-4 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
        <input type="checkbox" checked={checked} disabled={readOnly} onChange={() => onToggle(project.key)} />
        <JiraAvatar src={project.avatarUrl} name={project.name} connectionId={connectionId} />
        <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{project.key}</span>
        <span className="flex-1 truncate font-medium">{project.name}</span>
        <Badge>{project.projectTypeKey.replace('_', ' ')}</Badge>
      </label>
    </li>
  );
});
