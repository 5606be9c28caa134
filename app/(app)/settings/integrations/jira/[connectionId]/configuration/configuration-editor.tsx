'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { diffConfigs } from '@/lib/integrations/jira/config/diff-config';
import { describeTime } from '@/lib/format/relative-time';
import type { ConfigNames } from '@/lib/integrations/jira/config/describe-changes';
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
import { usagesIncomplete } from '@/lib/integrations/jira/mapping/project-search';
import { diffMapping, suggestPriorityMappings, suggestStatusMappings } from '@/lib/integrations/jira/mapping/suggest-mappings';
import { queryKeys, type MetadataState, type SavedConfig } from './api-client';
import { ConflictNotice } from './conflict-notice';
import { EditorTabs, useSelectedTab, type Tab } from './editor-tabs';
import { HistoryPanel } from './history-panel';
import { MappingTable } from './mapping-table';
import { MetadataFreshness } from './metadata-freshness';
import { MetadataSkeleton } from './metadata-skeleton';
import { MetadataWarnings } from './metadata-warnings';
import { OverridesEditor } from './overrides-editor';
import { PreviewPanel } from './preview-panel';
import { ProjectFilterEditor } from './project-filter-editor';
import { ReadOnlyBanner, type OrgAdmin } from './read-only-banner';
import { SaveBar } from './save-bar';
import type { ProjectSearchSource } from './use-project-search';
import { useMetadata, useRefreshMetadata, useSaveConfig, useSavedConfig, staleConflict } from './use-configuration';
import { useWarnOnLeave } from './use-warn-on-leave';

interface ConfigurationEditorProps {
  connectionId: string;
  isAdmin: boolean;
  /** The organization's admins, for a member's "ask an admin" banner (empty for admins). */
  admins: OrgAdmin[];
  initialConfig: SavedConfig;
  initialMetadata: MetadataState;
  /** Synced tickets per Jira status id and priority id (current ones), read when the page loaded. */
  ticketCounts: { statuses: Record<string, number>; priorities: Record<string, number> };
}

export function ConfigurationEditor({ connectionId, isAdmin, admins, initialConfig, initialMetadata, ticketCounts }: ConfigurationEditorProps) {
  const saved = useSavedConfig(connectionId, initialConfig).data;
  const metadataState = useMetadata(connectionId, initialMetadata).data;
  const queryClient = useQueryClient();
  const refresh = useRefreshMetadata(connectionId);
  const save = useSaveConfig(connectionId);
  // The saved version the draft started from. Edits, the save guard and rollbacks are all measured from
  // it (not from the query's saved config, which moves first when a rollback or another tab saves).
  const [base, setBase] = useState<Base>({ version: initialConfig.version, config: initialConfig.config });
  const [draft, setDraft] = useState<JiraConfig>(initialConfig.config);
  const [conflict, setConflict] = useState<SavedConfig>();
  const [notice, setNotice] = useState<string>();
  const statusLine = useRef<HTMLParagraphElement>(null);
  const [tab, setTab] = useSelectedTab();
  const readOnly = !isAdmin;

  const metadata = metadataState.metadata;
  const statuses = useMemo(() => metadata?.statuses ?? [], [metadata]);
  const priorities = useMemo(() => metadata?.priorities ?? [], [metadata]);
  const statusSuggestions = useMemo(() => suggestStatusMappings(statuses), [statuses]);
  const prioritySuggestions = useMemo(() => suggestPriorityMappings(priorities), [priorities]);
  const changes = useMemo(() => diffConfigs(base.config, draft), [base.config, draft]);
  const names = useMemo<ConfigNames>(() => configNames(metadata, metadataState.snapshot), [metadata, metadataState.snapshot]);
  const drift = useMemo(
    () => (metadataState.snapshot ? detectDrift(metadataState.snapshot, { statuses, priorities }) : { statuses: [], priorities: [] }),
    [metadataState.snapshot, statuses, priorities],
  );
  const driftCount = drift.statuses.length + drift.priorities.length;
  const projectSearch = useMemo<ProjectSearchSource>(
    () => ({ connectionId, projects: metadata?.projects ?? [], readsNeeded: usagesIncomplete(statuses) }),
    [connectionId, metadata, statuses],
  );
  const dirty = changes.length > 0;
  useWarnOnLeave(dirty);

  // Another tab (or admin, on refetch) saved while this one had no edits: follow it
  // (adjusting state during render, as React recommends over an effect).
  if (!dirty && !save.isPending && saved.version !== base.version) {
    setBase({ version: saved.version, config: saved.config });
    setDraft(saved.config);
    setNotice(undefined);
  }

  /** A new saved state from this editor: it becomes the base, and focus moves to the line that says so. */
  const settle = (next: Base, message: string) => {
    setBase(next);
    setDraft(next.config);
    setNotice(message);
    statusLine.current?.focus();
  };

  const statusRows = buildMappingRows<StandardStatus>(
    statuses.map((status) => ({ id: status.id, name: status.name, category: status.category, usedIn: status.usages.map((usage) => usage.projectKey) })),
    draft.statusMapping,
    base.config.statusMapping,
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
    base.config.priorityMapping,
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
      { baseVersion: base.version, config: draft },
      {
        onSuccess: (result) =>
          settle({ version: result.version, config: result.config }, result.version === base.version ? 'Jira changes marked reviewed.' : `Saved as version ${result.version}.`),
        onError: (error) => setConflict(staleConflict(error)),
      },
    );
  };

  return (
    <div className="space-y-6">
      {readOnly ? <ReadOnlyBanner admins={admins} /> : null}
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
          key={conflict.version}
          base={base.config}
          mine={draft}
          theirs={conflict}
          names={names}
          onLoadTheirs={() => {
            queryClient.setQueryData(queryKeys.config(connectionId), conflict);
            setBase({ version: conflict.version, config: conflict.config });
            setDraft(conflict.config);
            setConflict(undefined);
          }}
          onMerged={(merged) => {
            queryClient.setQueryData(queryKeys.config(connectionId), conflict);
            setBase({ version: conflict.version, config: conflict.config });
            setDraft(merged);
            setConflict(undefined);
          }}
        />
      ) : null}

      <EditorTabs selected={tab} onSelect={setTab} label={(name) => tabLabel(name, unmapped)}>
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
            projectSearch={projectSearch}
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
            savedOverrides={base.config.projectOverrides}
            readOnly={readOnly}
            onChange={(projectOverrides) => setDraft((current) => ({ ...current, projectOverrides }))}
          />
        ) : tab === 'Preview' ? (
          <PreviewPanel connectionId={connectionId} statuses={statuses} draft={draft} saved={base.config} />
        ) : (
          <HistoryPanel
            connectionId={connectionId}
            current={base}
            names={names}
            canRollBack={isAdmin && !dirty}
            blockedReason={isAdmin && dirty ? 'Save or discard your edits before rolling back.' : undefined}
            onRolledBack={(result, toVersion) => settle(result, `Rolled back to version ${toVersion}, saved as version ${result.version}.`)}
            onRollbackRefused={(theirs, fromVersion) => {
              // The rollback dialog stays open over this (it names their rows); the status line keeps the outcome after it closes.
              setBase({ version: theirs.version, config: theirs.config });
              setDraft(theirs.config);
              setNotice(rollbackRefusedNotice(theirs, fromVersion));
            }}
          />
        )}
      </EditorTabs>

      {isAdmin ? (
        <SaveBar
          changes={changes.length}
          reviewable={driftCount > 0}
          saving={save.isPending}
          error={save.isError && !staleConflict(save.error) ? save.error.message : undefined}
          notice={notice}
          statusRef={statusLine}
          onSave={onSave}
          onDiscard={() => settle(base, 'Edits discarded.')}
        />
      ) : null}
    </div>
  );
}

interface Base {
  version: number;
  config: JiraConfig;
}

/** "Not rolled back: Ada saved version 3 at Dec 2, 2026, 8:14:05 PM GMT+1 after you loaded version 2. …" */
function rollbackRefusedNotice(theirs: SavedConfig, fromVersion: number): string {
  const when = theirs.updatedAt ? ` at ${describeTime(new Date(theirs.updatedAt), new Date(), undefined, 'exact').text}` : '';
  return `Not rolled back: ${theirs.updatedBy ?? 'another admin'} saved version ${theirs.version}${when} after you loaded version ${fromVersion}. Version ${theirs.version} is loaded; review it, then roll back again.`;
}

function tabLabel(tab: Tab, unmapped: Record<'Statuses' | 'Priorities', number>): string {
  return (tab === 'Statuses' || tab === 'Priorities') && unmapped[tab] ? `${tab} (${unmapped[tab]} unmapped)` : tab;
}

/** Names for the conflict panel and rollback diff: Jira's current ones, else the last known (snapshot). */
function configNames(metadata: MetadataState['metadata'], snapshot: MetadataState['snapshot']): ConfigNames {
  const statuses: Record<string, string> = {};
  const priorities: Record<string, string> = {};
  for (const [id, value] of Object.entries(snapshot?.statuses ?? {})) statuses[id] = value.name;
  for (const [id, value] of Object.entries(snapshot?.priorities ?? {})) priorities[id] = value.name;
  for (const status of [...(metadata?.otherStatuses ?? []), ...(metadata?.statuses ?? [])]) statuses[status.id] = status.name;
  for (const priority of metadata?.priorities ?? []) priorities[priority.id] = priority.name;
  return { statuses, priorities };
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
