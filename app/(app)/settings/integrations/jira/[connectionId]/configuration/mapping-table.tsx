'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { plural } from '@/lib/format/plural';
import { ABSENCE_TEXT } from '@/lib/integrations/jira/mapping/absent-values';
import { filterMappingRows, type MappingRow, type RowFilter } from '@/lib/integrations/jira/mapping/editor-rows';
import { withProjectReads } from '@/lib/integrations/jira/mapping/project-search';
import {
  STATUS_CATEGORY_DISPLAY,
  type StatusCategory,
  type StatusCategoryTone,
} from '@/lib/integrations/jira/mapping/status-category';
import { ProjectSearchNote, useProjectSearch, type ProjectSearchSource } from './use-project-search';

const CATEGORY_TONE: Record<StatusCategoryTone, BadgeTone> = {
  neutral: 'neutral',
  info: 'info',
  success: 'success',
  muted: 'neutral',
};
const FILTERS: { value: RowFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'unmapped', label: 'Unmapped' },
  { value: 'changed', label: 'Changed (unsaved)' },
  { value: 'differs_from_suggestion', label: 'Differs from suggestion' },
  { value: 'missing', label: 'Removed from Jira' },
];

interface MappingTableProps<V extends string> {
  kind: 'status' | 'priority';
  rows: MappingRow<V>[];
  options: readonly V[];
  labels: Record<V, { label: string; description: string }>;
  readOnly: boolean;
  onChange: (id: string, value: V) => void;
  onApplySuggestions: (overwrite: boolean) => void;
  onPrune: (id: string) => void;
  /** Synced tickets per Jira id: shown as a column, so an admin sees which values matter. */
  ticketCounts?: Readonly<Record<string, number>>;
  /** Extra per-row marks, e.g. "Override" in the per-project editor. */
  marks?: Readonly<Record<string, string>>;
  /** The site's projects, so the search finds every status a named project uses (the Statuses tab). */
  projectSearch?: ProjectSearchSource;
}

const count = new Intl.NumberFormat('en');
/**
 * Above this many rows only the rows in view (and a margin) are rendered: 300 statuses rendered whole
 * made every keystroke and select change re-render 300 selects. Below it every row stays in the page,
 * so the browser's find-in-page still finds them; above it the search box is the way to find one.
 */
export const VIRTUALIZE_ABOVE = 60;
const ROW_HEIGHT_ESTIMATE = 49;
/**
 * Focus never lands under the sticky header or the sticky save bar: the browser scrolls a focused
 * control clear of them (scroll-margin applies in the list and in the page alike).
 */
const FOCUS_CLEARANCE = '[&_:is(select,button,input)]:scroll-mt-12 [&_:is(select,button,input)]:scroll-mb-28';

export function MappingTable<V extends string>({
  kind,
  rows,
  options,
  labels,
  readOnly,
  onChange,
  onApplySuggestions,
  onPrune,
  marks,
  ticketCounts,
  projectSearch,
}: MappingTableProps<V>) {
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<RowFilter>('all');
  const [category, setCategory] = useState<StatusCategory | 'all'>('all');
  // The list filters a render behind the keystroke, so typing never waits for 300 rows.
  const deferredSearch = useDeferredValue(search);
  const projects = useProjectSearch(projectSearch, deferredSearch);
  const known = useMemo(() => withProjectReads(rows, projects.reads), [rows, projects.reads]);
  const visible = useMemo(
    () => filterMappingRows(known, { search: deferredSearch, filter, category, projects: projects.matching }),
    [known, deferredSearch, filter, category, projects.matching],
  );
  const unmapped = rows.filter((row) => row.unmapped && !row.absence).length;
  const noun = kind === 'status' ? 'status' : 'priority';
  const virtual = visible.length > VIRTUALIZE_ABOVE;
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler is not enabled here; the virtualizer re-renders this component as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: virtual ? visible.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_ESTIMATE,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const shown = virtual
    ? items.map((item) => ({ row: visible[item.index]!, index: item.index }))
    : visible.map((row, index) => ({ row, index }));
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const columns = 3 + (kind === 'status' ? 1 : 0) + (ticketCounts ? 1 : 0);

  return (
    <section aria-label={`${kind === 'status' ? 'Status' : 'Priority'} mapping`} className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor={`${kind}-search`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Search {kind === 'status' ? 'statuses or projects' : 'priorities'}
          </label>
          <input
            id={`${kind}-search`}
            type="search"
            className="input mt-1"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${kind}-filter`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Show
          </label>
          <select
            id={`${kind}-filter`}
            className="input mt-1"
            value={filter}
            onChange={(event) => setFilter(event.target.value as RowFilter)}
          >
            {FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {kind === 'status' ? (
          <div>
            <label htmlFor="status-category-filter" className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Category
            </label>
            <select
              id="status-category-filter"
              className="input mt-1"
              value={category}
              onChange={(event) => setCategory(event.target.value as StatusCategory | 'all')}
            >
              <option value="all">All categories</option>
              {(Object.keys(STATUS_CATEGORY_DISPLAY) as StatusCategory[]).map((key) => (
                <option key={key} value={key}>
                  {STATUS_CATEGORY_DISPLAY[key].label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {!readOnly ? (
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => onApplySuggestions(false)}>
              Apply suggestions to unmapped
            </Button>
            <Button type="button" variant="ghost" onClick={() => onApplySuggestions(true)}>
              Apply all suggestions
            </Button>
          </div>
        ) : null}
      </div>

      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {kind === 'status' ? plural(rows.length, 'status', 'statuses') : plural(rows.length, 'priority', 'priorities')}{' '}
        · <strong className={unmapped ? 'text-amber-700 dark:text-amber-300' : ''}>{unmapped} unmapped</strong>
        {unmapped ? ` (counted as UNKNOWN until mapped)` : ''} · showing {visible.length}
        {virtual ? ' (scroll the list, or search to find one)' : ''}
      </p>
      <ProjectSearchNote search={deferredSearch} found={projects} />

      <div
        ref={scroller}
        data-testid={`${kind}-mapping-scroller`}
        // Scrollable, so reachable by keyboard even when every select is disabled (read-only members).
        tabIndex={virtual ? 0 : undefined}
        role={virtual ? 'region' : undefined}
        aria-label={virtual ? `${kind === 'status' ? 'Status' : 'Priority'} rows` : undefined}
        className={`overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900 ${FOCUS_CLEARANCE} ${virtual ? 'max-h-[min(70vh,44rem)] overflow-y-auto' : ''}`}
      >
        <table className="w-full text-left text-sm" aria-rowcount={visible.length + 1}>
          <thead className="sticky top-0 z-[1] border-b border-zinc-200 bg-white text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
            <tr aria-rowindex={1}>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Jira {noun}
              </th>
              {kind === 'status' ? (
                <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">
                  Used in
                </th>
              ) : null}
              {ticketCounts ? (
                <th scope="col" className="hidden px-4 py-2.5 text-right font-medium sm:table-cell">
                  Synced tickets
                </th>
              ) : null}
              <th scope="col" className="px-4 py-2.5 font-medium">
                Standard {noun}
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Suggestion
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {padTop > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={columns} style={{ height: padTop, padding: 0 }} />
              </tr>
            ) : null}
            {shown.map(({ row, index }) => (
              <Row
                key={row.id}
                row={row}
                index={index}
                measure={virtual ? virtualizer.measureElement : undefined}
                kind={kind}
                options={options}
                labels={labels}
                readOnly={readOnly}
                mark={marks?.[row.id]}
                ticketCount={ticketCounts ? (ticketCounts[row.id] ?? 0) : undefined}
                onChange={onChange}
                onPrune={onPrune}
              />
            ))}
            {padBottom > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={columns} style={{ height: padBottom, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {visible.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
            Nothing matches these filters.
          </p>
        ) : null}
      </div>
    </section>
  );
}

interface RowProps<V extends string> {
  row: MappingRow<V>;
  index: number;
  measure: ((element: Element | null) => void) | undefined;
  kind: 'status' | 'priority';
  options: readonly V[];
  labels: Record<V, { label: string; description: string }>;
  readOnly: boolean;
  mark: string | undefined;
  ticketCount: number | undefined;
  onChange: (id: string, value: V) => void;
  onPrune: (id: string) => void;
}

function RowView<V extends string>({
  row,
  index,
  measure,
  kind,
  options,
  labels,
  readOnly,
  mark,
  ticketCount,
  onChange,
  onPrune,
}: RowProps<V>) {
  const noun = kind === 'status' ? 'status' : 'priority';
  const usedIn = row.usedIn.length ? row.usedIn.slice(0, 4).join(', ') + (row.usedIn.length > 4 ? ` +${row.usedIn.length - 4}` : '') : '';
  const phoneDetails = [
    kind === 'status' && usedIn ? `Used in ${usedIn}` : '',
    ticketCount !== undefined ? `${count.format(ticketCount)} synced tickets` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className={row.changed ? 'bg-indigo-50/60 dark:bg-indigo-950/30' : undefined}
    >
      <th scope="row" className="px-4 py-2.5 font-medium">
        <span className="flex flex-wrap items-center gap-2">
          {row.name}
          {row.category ? (
            <Badge tone={CATEGORY_TONE[STATUS_CATEGORY_DISPLAY[row.category].tone]}>
              {STATUS_CATEGORY_DISPLAY[row.category].label}
            </Badge>
          ) : null}
          {mark ? <Badge tone="info">{mark}</Badge> : null}
          {row.absence ? (
            <span title={ABSENCE_TEXT[row.absence].explanation}>
              <Badge tone={row.missingFromJira ? 'warning' : 'neutral'}>{ABSENCE_TEXT[row.absence].badge}</Badge>
            </span>
          ) : null}
          {row.unmapped && !row.absence ? <Badge tone="warning">Unmapped</Badge> : null}
        </span>
        {/* On a phone the two columns below fold in here, so the select stays on screen beside the name. */}
        {phoneDetails ? <span className="mt-1 block text-xs font-normal text-zinc-600 sm:hidden dark:text-zinc-400">{phoneDetails}</span> : null}
      </th>
      {kind === 'status' ? (
        <td className="hidden max-w-56 truncate px-4 py-2.5 text-zinc-600 sm:table-cell dark:text-zinc-400" title={row.usedIn.join(', ')}>
          {usedIn || '—'}
        </td>
      ) : null}
      {ticketCount !== undefined ? (
        <td className="hidden px-4 py-2.5 text-right tabular-nums text-zinc-700 sm:table-cell dark:text-zinc-300">
          {count.format(ticketCount)}
        </td>
      ) : null}
      <td className="px-4 py-2.5">
        <select
          aria-label={`Standard ${noun} for ${row.name}`}
          className="input w-36 sm:w-44"
          value={row.value}
          disabled={readOnly}
          onChange={(event) => onChange(row.id, event.target.value as V)}
        >
          {options.map((option) => (
            <option key={option} value={option} title={labels[option].description}>
              {labels[option].label}
            </option>
          ))}
        </select>
      </td>
      <td className="px-4 py-2.5 text-zinc-600 dark:text-zinc-400">
        {row.missingFromJira ? (
          !readOnly ? (
            <Button type="button" variant="ghost" onClick={() => onPrune(row.id)}>
              Prune
            </Button>
          ) : null
        ) : row.absence ? (
          <span className="text-xs">{ABSENCE_TEXT[row.absence].explanation}</span>
        ) : row.suggestion ? (
          <span>
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{labels[row.suggestion.value].label}</span> ·{' '}
            {row.suggestion.reason.text}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

const Row = memo(RowView) as typeof RowView;
