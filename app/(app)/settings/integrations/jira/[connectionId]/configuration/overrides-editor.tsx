'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buildMappingRows } from '@/lib/integrations/jira/mapping/editor-rows';
import { usagesIncomplete } from '@/lib/integrations/jira/mapping/project-search';
import {
  STANDARD_STATUS_INFO,
  STANDARD_STATUSES,
  type StandardStatus,
} from '@/lib/integrations/jira/mapping/standard-model';
import { suggestStatusMappings } from '@/lib/integrations/jira/mapping/suggest-mappings';
import type { JiraStatusMeta } from '@/lib/integrations/jira/metadata/types';
import { projectStatusesQuery } from './api-client';
import { MappingTable } from './mapping-table';

type Overrides = Record<string, Record<string, StandardStatus>>;

interface OverridesEditorProps {
  connectionId: string;
  statuses: JiraStatusMeta[];
  projectKeys: string[];
  defaults: Record<string, StandardStatus>;
  overrides: Overrides;
  savedOverrides: Overrides;
  readOnly: boolean;
  onChange: (overrides: Overrides) => void;
}

/** Per-project exceptions to the connection's status mapping (e.g. Done means RESOLVED in a service desk). */
export function OverridesEditor({
  connectionId,
  statuses,
  projectKeys,
  defaults,
  overrides,
  savedOverrides,
  readOnly,
  onChange,
}: OverridesEditorProps) {
  const [project, setProject] = useState(projectKeys[0] ?? '');
  // statuses/search names the project of team-managed statuses only: when some status has no usages,
  // the chosen project's own workflow is read from Jira (one request, kept for the session).
  const readsNeeded = useMemo(() => usagesIncomplete(statuses), [statuses]);
  const projectRead = useQuery({ ...projectStatusesQuery(connectionId, project), enabled: readsNeeded && project !== '' });
  const readIds = useMemo(
    () => (projectRead.data ? new Set(projectRead.data.statusIds) : undefined),
    [projectRead.data],
  );
  const used = useMemo(
    () =>
      statuses
        .filter(
          (status) => status.usages.some((usage) => usage.projectKey === project) || (readIds?.has(status.id) ?? false),
        )
        .map((status) => ({
          id: status.id,
          name: status.name,
          category: status.category,
          usedIn: [
            ...new Set([
              ...status.usages.map((usage) => usage.projectKey),
              ...(readIds?.has(status.id) ? [project] : []),
            ]),
          ].sort(),
        })),
    [statuses, project, readIds],
  );
  const suggestions = useMemo(() => suggestStatusMappings(used), [used]);
  const own = overrides[project] ?? {};
  const rows = buildMappingRows(
    used,
    { ...defaults, ...own },
    { ...defaults, ...(savedOverrides[project] ?? {}) },
    suggestions,
    'UNKNOWN',
  ).filter((row) => !row.absence);
  const marks = Object.fromEntries(Object.keys(own).map((id) => [id, 'Override']));

  const setValues = (entries: [string, StandardStatus][]) => {
    const next = { ...own };
    for (const [id, value] of entries) {
      if (value === defaults[id]) delete next[id];
      else next[id] = value;
    }
    const all = { ...overrides, [project]: next };
    if (Object.keys(next).length === 0) delete all[project];
    onChange(all);
  };

  return (
    <section aria-label="Per-project overrides" className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The connection’s status mapping applies to every project. Override it for one project when its workflow means
        something else; overridden rows are marked.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="override-project" className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Project
          </label>
          <select
            id="override-project"
            className="input mt-1 w-64"
            value={project}
            onChange={(event) => setProject(event.target.value)}
          >
            {projectKeys.map((key) => (
              <option key={key} value={key}>
                {key}
                {overrides[key] ? ` (${Object.keys(overrides[key]).length} overridden)` : ''}
              </option>
            ))}
          </select>
        </div>
        {!readOnly && Object.keys(own).length > 0 ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              const all = { ...overrides };
              delete all[project];
              onChange(all);
            }}
          >
            Reset {project} to the default mapping
          </Button>
        ) : null}
      </div>
      {project && readsNeeded && projectRead.isPending ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Reading {project}’s workflow from Jira to list the statuses it uses…
        </p>
      ) : project && projectRead.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {projectRead.error.message}
        </p>
      ) : project && projectRead.data && !projectRead.data.visible ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {project} is not visible to the Jira user who connected Portico, so its statuses cannot be read. Grant that
          user Browse Projects, or remove {project} under Projects.
        </p>
      ) : project ? (
        <MappingTable
          kind="status"
          rows={rows}
          options={STANDARD_STATUSES}
          labels={STANDARD_STATUS_INFO}
          readOnly={readOnly}
          marks={marks}
          onChange={(id, value) => setValues([[id, value]])}
          onPrune={() => {}}
          onApplySuggestions={(overwrite) =>
            setValues(
              rows.flatMap((row) =>
                row.suggestion && (overwrite || row.unmapped)
                  ? [[row.id, row.suggestion.value] as [string, StandardStatus]]
                  : [],
              ),
            )
          }
        />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No projects with statuses yet. Refresh the Jira data first.
        </p>
      )}
    </section>
  );
}
