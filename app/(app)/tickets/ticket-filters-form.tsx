'use client';

import { useRouter } from 'next/navigation';
import { useSyncExternalStore, type FormEvent } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { STANDARD_PRIORITIES, STANDARD_PRIORITY_INFO, STANDARD_STATUS_INFO, STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';
import { ticketPageHref } from '@/lib/tickets/ticket-page-params';
import type { TicketFilters } from '@/lib/tickets/ticket-filters';
import type { StandardPriority, StandardStatus } from '@/lib/integrations/jira/mapping/standard-model';

interface TicketFiltersFormProps {
  connections: { id: string; name: string }[];
  projects: { connectionId: string; projectKey: string }[];
  /** The filters in force, as the URL gave them (dates as ISO instants). */
  current: { connectionId?: string; projectKey?: string; status?: string; priority?: string; from?: string; to?: string; search?: string; includeDeleted?: boolean };
}

const subscribe = () => () => {};
const labelClass = 'text-xs font-medium text-zinc-600 dark:text-zinc-400';
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** The reader's calendar day of an instant, as an <input type="date"> value. */
const localDay = (iso: string | undefined, shiftDays = 0) => {
  if (!iso) return '';
  const date = new Date(Date.parse(iso) + shiftDays * DAY_MS);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};
/** The start of the reader's day (local midnight) as an instant. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`) : undefined);

/**
 * Every filter goes into the URL (server-side filtering, shareable links). Dates are the reader's days: "to" is
 * inclusive, so it is sent as the start of the next day.
 */
export function TicketFiltersForm({ connections, projects, current }: TicketFiltersFormProps) {
  const router = useRouter();
  // Dates are shown in the reader's time zone, which the server render does not know: filled after hydration.
  const inBrowser = useSyncExternalStore(subscribe, () => true, () => false);
  const projectKeys = [...new Set(projects.filter((p) => !current.connectionId || p.connectionId === current.connectionId).map((p) => p.projectKey))].sort();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const to = dayStart(text('to') ?? '');
    const filters: TicketFilters = {
      connectionId: text('connection'),
      projectKey: text('project'),
      statuses: text('status') ? [text('status') as StandardStatus] : undefined,
      priorities: text('priority') ? [text('priority') as StandardPriority] : undefined,
      updatedFrom: dayStart(text('from') ?? ''),
      updatedTo: to && new Date(to.getTime() + DAY_MS),
      search: text('q'),
      includeDeleted: form.get('deleted') === '1' || undefined,
    };
    router.push(ticketPageHref(filters));
  };

  return (
    <form onSubmit={onSubmit} role="search" aria-label="Filter tickets" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <div className="sm:col-span-2">
        <label htmlFor="tickets-q" className={labelClass}>Search by key or summary</label>
        <input id="tickets-q" name="q" type="search" className="input mt-1" defaultValue={current.search} placeholder="OPS-12 or words of the summary" maxLength={200} />
      </div>
      <FilterSelect id="tickets-connection" name="connection" label="Connection" anyLabel="All connections" value={current.connectionId}
        options={connections.map((connection) => ({ value: connection.id, label: connection.name }))} />
      <FilterSelect id="tickets-project" name="project" label="Project" anyLabel="All projects" value={current.projectKey}
        options={projectKeys.map((key) => ({ value: key, label: key }))} />
      <FilterSelect id="tickets-status" name="status" label="Standard status" anyLabel="Any status" value={current.status}
        options={STANDARD_STATUSES.map((status) => ({ value: status, label: STANDARD_STATUS_INFO[status].label }))} />
      <FilterSelect id="tickets-priority" name="priority" label="Standard priority" anyLabel="Any priority" value={current.priority}
        options={STANDARD_PRIORITIES.map((priority) => ({ value: priority, label: STANDARD_PRIORITY_INFO[priority].label }))} />
      <div>
        <label htmlFor="tickets-from" className={labelClass}>Updated from</label>
        {/* Keyed: remounted with the reader's day once hydrated (only these two fields: the others keep what was typed). */}
        <input key={inBrowser ? 'local' : 'server'} id="tickets-from" name="from" type="date" className="input mt-1" defaultValue={inBrowser ? localDay(current.from) : ''} />
      </div>
      <div>
        <label htmlFor="tickets-to" className={labelClass}>Updated to</label>
        <input key={inBrowser ? 'local' : 'server'} id="tickets-to" name="to" type="date" className="input mt-1" defaultValue={inBrowser ? localDay(current.to, -1) : ''} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">Apply filters</Button>
        <a href="/tickets" className={buttonClasses('ghost')}>Clear</a>
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" name="deleted" value="1" defaultChecked={current.includeDeleted} className="size-4 rounded border-zinc-300" />
          Include issues deleted in Jira
        </label>
      </div>
    </form>
  );
}

/** One of the form's choice filters: "any" (empty) first, then the options. */
function FilterSelect({ id, name, label, anyLabel, value, options }: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>{label}</label>
      <select id={id} name={name} className="input mt-1" defaultValue={value ?? ''}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}
