'use client';

import { useMemo, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { plural } from '@/lib/format/plural';
import { ABSENCE_TEXT } from '@/lib/integrations/jira/mapping/absent-values';
import { filterMappingRows, type MappingRow, type RowFilter } from '@/lib/integrations/jira/mapping/editor-rows';
import { STATUS_CATEGORY_DISPLAY, type StatusCategory, type StatusCategoryTone } from '@/lib/integrations/jira/mapping/status-category';

const CATEGORY_TONE: Record<StatusCategoryTone, BadgeTone> = { neutral: 'neutral', info: 'info', success: 'success', muted: 'neutral' };
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
}

const count = new Intl.NumberFormat('en');

export function MappingTable<V extends string>({ kind, rows, options, labels, readOnly, onChange, onApplySuggestions, onPrune, marks, ticketCounts }: MappingTableProps<V>) {
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<RowFilter>('all');
  const [category, setCategory] = useState<StatusCategory | 'all'>('all');
  const visible = useMemo(() => filterMappingRows(rows, { search, filter, category }), [rows, search, filter, category]);
  const unmapped = rows.filter((row) => row.unmapped && !row.absence).length;
  const noun = kind === 'status' ? 'status' : 'priority';

  return (
    <section aria-label={`${kind === 'status' ? 'Status' : 'Priority'} mapping`} className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor={`${kind}-search`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Search {kind === 'status' ? 'statuses or projects' : 'priorities'}
          </label>
          <input id={`${kind}-search`} type="search" className="input mt-1" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div>
          <label htmlFor={`${kind}-filter`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Show
          </label>
          <select id={`${kind}-filter`} className="input mt-1" value={filter} onChange={(event) => setFilter(event.target.value as RowFilter)}>
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
            <select id="status-category-filter" className="input mt-1" value={category} onChange={(event) => setCategory(event.target.value as StatusCategory | 'all')}>
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
        {kind === 'status' ? plural(rows.length, 'status', 'statuses') : plural(rows.length, 'priority', 'priorities')} · <strong className={unmapped ? 'text-amber-700 dark:text-amber-300' : ''}>{unmapped} unmapped</strong>
        {unmapped ? ` (counted as UNKNOWN until mapped)` : ''} · showing {visible.length}
      </p>

      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">Jira {noun}</th>
              {kind === 'status' ? <th scope="col" className="px-4 py-2.5 font-medium">Used in</th> : null}
              {ticketCounts ? <th scope="col" className="px-4 py-2.5 text-right font-medium">Synced tickets</th> : null}
              <th scope="col" className="px-4 py-2.5 font-medium">Standard {noun}</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Suggestion</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {visible.map((row) => (
              <tr key={row.id} className={row.changed ? 'bg-indigo-50/60 dark:bg-indigo-950/30' : undefined}>
                <th scope="row" className="px-4 py-2.5 font-medium">
                  <span className="flex flex-wrap items-center gap-2">
                    {row.name}
                    {row.category ? (
                      <Badge tone={CATEGORY_TONE[STATUS_CATEGORY_DISPLAY[row.category].tone]}>{STATUS_CATEGORY_DISPLAY[row.category].label}</Badge>
                    ) : null}
                    {marks?.[row.id] ? <Badge tone="info">{marks[row.id]}</Badge> : null}
                    {row.absence ? (
                      <span title={ABSENCE_TEXT[row.absence].explanation}>
                        <Badge tone={row.missingFromJira ? 'warning' : 'neutral'}>{ABSENCE_TEXT[row.absence].badge}</Badge>
                      </span>
                    ) : null}
                    {row.unmapped && !row.absence ? <Badge tone="warning">Unmapped</Badge> : null}
                  </span>
                </th>
                {kind === 'status' ? (
                  <td className="max-w-56 truncate px-4 py-2.5 text-zinc-600 dark:text-zinc-400" title={row.usedIn.join(', ')}>
                    {row.usedIn.length ? row.usedIn.slice(0, 4).join(', ') + (row.usedIn.length > 4 ? ` +${row.usedIn.length - 4}` : '') : '—'}
                  </td>
                ) : null}
                {ticketCounts ? (
                  <td className="px-4 py-2.5 text-right tabular-nums text-zinc-700 dark:text-zinc-300">{count.format(ticketCounts[row.id] ?? 0)}</td>
                ) : null}
                <td className="px-4 py-2.5">
                  <select
                    aria-label={`Standard ${noun} for ${row.name}`}
                    className="input w-44"
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
                      <span className="font-medium text-zinc-800 dark:text-zinc-200">{labels[row.suggestion.value].label}</span> · {row.suggestion.reason.text}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 ? <p className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">Nothing matches these filters.</p> : null}
      </div>
    </section>
  );
}
