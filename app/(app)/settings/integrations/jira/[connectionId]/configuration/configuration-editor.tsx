'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { diffConfigs } from '@/lib/integrations/jira/config/diff-config';
import { rebaseConfig } from '@/lib/integrations/jira/config/rebase-config';
import { describeAbsentPriority, describeAbsentStatus } from '@/lib/integrations/jira/mapping/absent-values';
import { detectDrift, type DriftedValue } from '@/lib/integrations/jira/mapping/drift';
import { buildMappingRows, countUnmapped } from '@/lib/integrations/jira/mapping/editor-rows';
import { STATUS_CATEGORY_DISPLAY, type StatusCategory } from '@/lib/integrations/jira/mapping/status-category';
import {
  STANDARD_PRIORITIES,
  STANDARD_PRIORITY_INFO,
  STANDARD_STATUS_INFO,
  STANDARD_STATUSES,
  type StandardPriority,
  type StandardStatus,
} from '@/lib/integrations/jira/mapping/standard-model';
import { diffMapping, suggestPriorityMappings, suggestStatusMappings } from '@/lib/integrations/jira/mapping/suggest-mappings';
import { queryKeys, type MetadataState, type SavedConfig } from './api-client';
import { ConflictNotice } from './conflict-notice';
import { HistoryPanel } from './history-panel';
import { MappingTable } from './mapping-table';
import { MetadataFreshness } from './metadata-freshness';
import { MetadataSkeleton } from './metadata-skeleton';
import { MetadataWarnings } from './metadata-warnings';
import { OverridesEditor } from './overrides-editor';
import { PreviewPanel } from './preview-panel';
import { ProjectFilterEditor } from './project-filter-editor';
import { SaveBar } from './save-bar';
import { useMetadata, useRefreshMetadata, useSaveConfig, useSavedConfig, staleConflict } from './use-configuration';
import { useWarnOnLeave } from './use-warn-on-leave';

const TABS = ['Statuses', 'Priorities', 'Projects', 'Overrides', 'Preview', 'History'] as const;
type Tab = (typeof TABS)[number];

interface ConfigurationEditorProps {
  connectionId: string;
  isAdmin: boolean;
  initialConfig: SavedConfig;
  initialMetadata: MetadataState;
  /** Synced tickets per Jira status id and priority id (current ones), read when the page loaded. */
  ticketCounts: { statuses: Record<string, number>; priorities: Record<string, number> };
}

export function ConfigurationEditor({ connectionId, isAdmin, initialConfig, initialMetadata, ticketCounts }: ConfigurationEditorProps) {
  const saved = useSavedConfig(connectionId, initialConfig).data;
  const metadataState = useMetadata(connectionId, initialMetadata).data;
  const queryClient = useQueryClient();
  const refresh = useRefreshMetadata(connectionId);
  const save = useSaveConfig(connectionId);
  const [draft, setDraft] = useState<JiraConfig>(initialConfig.config);
  const [baseVersion, setBaseVersion] = useState(initialConfig.version);
  const [conflict, setConflict] = useState<SavedConfig>();
  const [tab, setTab] = useState<Tab>('Statuses');
  const readOnly = !isAdmin;

  const metadata = metadataState.metadata;
  const statuses = useMemo(() => metadata?.statuses ?? [], [metadata]);
  const priorities = useMemo(() => metadata?.priorities ?? [], [metadata]);
  const statusSuggestions = useMemo(() => suggestStatusMappings(statuses), [statuses]);
  const prioritySuggestions = useMemo(() => suggestPriorityMappings(priorities), [priorities]);
  const changes = useMemo(() => diffConfigs(saved.config, draft), [saved.config, draft]);
  const drift = useMemo(
    () => (metadataState.snapshot ? detectDrift(metadataState.snapshot, { statuses, priorities }) : { statuses: [], priorities: [] }),
    [metadataState.snapshot, statuses, priorities],
  );
  const driftCount = drift.statuses.length + drift.priorities.length;
  const dirty = changes.length > 0;
  useWarnOnLeave(dirty);

  // A rollback or another tab changed the saved config while this one had no edits: follow it
  // (adjusting state during render, as React recommends over an effect).
  if (!dirty && saved.version !== baseVersion) {
    setDraft(saved.config);
    setBaseVersion(saved.version);
  }

  const statusRows = buildMappingRows<StandardStatus>(
    statuses.map((status) => ({ id: status.id, name: status.name, category: status.category, usedIn: status.usages.map((usage) => usage.projectKey) })),
    draft.statusMapping,
    saved.config.statusMapping,
    statusSuggestions,
    'UNKNOWN',
    (id) =>
      describeAbsentStatus(id, {
        otherStatuses: metadata?.otherStatuses,
        siteStatusesListed: metadata?.stats.siteStatusesListed,
        snapshot: metadataState.snapshot?.statuses,
      }),
  );
  const priorityRows = buildMappingRows<StandardPriority>(
    priorities,
    draft.priorityMapping,
    saved.config.priorityMapping,
    prioritySuggestions,
    'UNKNOWN',
    (id) => describeAbsentPriority(id, metadataState.snapshot?.priorities),
  );
  const unmapped = {
    Statuses: countUnmapped(statuses.map((status) => status.id), draft.statusMapping),
    Priorities: countUnmapped(priorities.map((priority) => priority.id), draft.priorityMapping),
  };
  // Without a filter every visible project can have overrides, not only those statuses/search names.
  const projectKeys = [
    ...new Set(draft.projectFilter.length ? draft.projectFilter : [...(metadata?.projects ?? []).map((project) => project.key), ...statuses.flatMap((status) => status.usages.map((usage) => usage.projectKey))]),
  ].sort();

  const onSave = () => {
    setConflict(undefined);
    save.mutate(
      { baseVersion, config: draft },
      {
        onSuccess: (result) => {
          setBaseVersion(result.version);
          setDraft(result.config);
        },
        onError: (error) => setConflict(staleConflict(error)),
      },
    );
  };

  return (
    <div className="space-y-6">
      <MetadataFreshness state={metadataState} refreshing={refresh.isPending} onRefresh={() => refresh.mutate()} />
      <MetadataWarnings warnings={metadata?.warnings ?? []} />
      {driftCount > 0 ? (
        <p role="status" className="rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-600/20 dark:bg-sky-950/50 dark:text-sky-200">
          {driftCount} Jira {driftCount === 1 ? 'value was' : 'values were'} renamed or changed category since the mapping was saved; they are marked
          below. Check their mapping, then save to mark them reviewed.
        </p>
      ) : null}
      {conflict ? (
        <ConflictNotice
          theirs={conflict}
          base={saved.config}
          onLoadTheirs={() => {
            queryClient.setQueryData(queryKeys.config(connectionId), conflict);
            setDraft(conflict.config);
            setBaseVersion(conflict.version);
            setConflict(undefined);
          }}
          onKeepMine={() => {
            queryClient.setQueryData(queryKeys.config(connectionId), conflict);
            setDraft(rebaseConfig(saved.config, draft, conflict.config));
            setBaseVersion(conflict.version);
            setConflict(undefined);
          }}
        />
      ) : null}

      <div role="tablist" aria-label="Configuration" className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            onClick={() => setTab(name)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab === name ? 'border-indigo-600 text-indigo-700 dark:text-indigo-300' : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
            }`}
          >
            {name}
            {name === 'Statuses' || name === 'Priorities' ? (unmapped[name] ? ` (${unmapped[name]} unmapped)` : '') : ''}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {!metadata && (tab === 'Statuses' || tab === 'Priorities' || tab === 'Projects' || tab === 'Overrides') ? (
          <MetadataSkeleton failed={Boolean(metadataState.lastError)} />
        ) : tab === 'Statuses' ? (
          <MappingTable
            kind="status"
            rows={statusRows}
            options={STANDARD_STATUSES}
            labels={STANDARD_STATUS_INFO}
            readOnly={readOnly}
            ticketCounts={ticketCounts.statuses}
            marks={driftMarks(drift.statuses)}
            onChange={(id, value) => setDraft((current) => ({ ...current, statusMapping: { ...current.statusMapping, [id]: value } }))}
            onApplySuggestions={(overwrite) =>
              setDraft((current) => ({ ...current, statusMapping: diffMapping(current.statusMapping, statusSuggestions, { overwrite }).next }))
            }
            onPrune={(id) => setDraft((current) => ({ ...current, statusMapping: without(current.statusMapping, id) }))}
          />
        ) : tab === 'Priorities' ? (
          <MappingTable
            kind="priority"
            rows={priorityRows}
            options={STANDARD_PRIORITIES}
            labels={STANDARD_PRIORITY_INFO}
            readOnly={readOnly}
            ticketCounts={ticketCounts.priorities}
            marks={driftMarks(drift.priorities)}
            onChange={(id, value) => setDraft((current) => ({ ...current, priorityMapping: { ...current.priorityMapping, [id]: value } }))}
            onApplySuggestions={(overwrite) =>
              setDraft((current) => ({ ...current, priorityMapping: diffMapping(current.priorityMapping, prioritySuggestions, { overwrite }).next }))
            }
            onPrune={(id) => setDraft((current) => ({ ...current, priorityMapping: without(current.priorityMapping, id) }))}
          />
        ) : tab === 'Projects' ? (
          <ProjectFilterEditor
            connectionId={connectionId}
            projects={metadata?.projects ?? []}
            selected={draft.projectFilter}
            readOnly={readOnly}
            onChange={(projectFilter) => setDraft((current) => ({ ...current, projectFilter }))}
          />
        ) : tab === 'Overrides' ? (
          <OverridesEditor
            connectionId={connectionId}
            statuses={statuses}
            projectKeys={projectKeys}
            defaults={draft.statusMapping}
            overrides={draft.projectOverrides}
            savedOverrides={saved.config.projectOverrides}
            readOnly={readOnly}
            onChange={(projectOverrides) => setDraft((current) => ({ ...current, projectOverrides }))}
          />
        ) : tab === 'Preview' ? (
          <PreviewPanel connectionId={connectionId} statuses={statuses} draft={draft} saved={saved.config} />
        ) : (
          <HistoryPanel
            connectionId={connectionId}
            currentVersion={saved.version}
            canRollBack={isAdmin && !dirty}
            blockedReason={isAdmin && dirty ? 'Save or discard your edits before rolling back.' : undefined}
          />
        )}
      </div>

      {isAdmin ? (
        <SaveBar
          changes={changes.length}
          reviewable={driftCount > 0}
          saving={save.isPending}
          error={save.isError && !staleConflict(save.error) ? save.error.message : undefined}
          onSave={onSave}
          onDiscard={() => setDraft(saved.config)}
        />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You can view this configuration. Only admins can change it.</p>
      )}
    </div>
  );
}

const categoryLabel = (category: string) => STATUS_CATEGORY_DISPLAY[category as StatusCategory]?.label ?? category;

function driftMarks(values: DriftedValue[]): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => [
      value.id,
      value.kind === 'renamed'
        ? `Renamed from ${value.from}`
        : `Category ${categoryLabel(value.from)} → ${categoryLabel(value.to)}`,
    ]),
  );
}

function without<V>(record: Record<string, V>, id: string): Record<string, V> {
  const next = { ...record };
  delete next[id];
  return next;
}
