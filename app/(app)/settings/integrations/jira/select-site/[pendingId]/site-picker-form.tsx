'use client';

import { useState } from 'react';
import { JiraAvatar } from '@/components/integrations/jira-avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { describeChoice } from '@/lib/integrations/jira/connect/site-choice';
import { cancelJiraSiteChoice, chooseJiraSite } from './actions';

interface Site {
  id: string;
  name: string;
  url: string;
  avatarUrl: string | null;
}

interface Props {
  pendingId: string;
  sites: Site[];
  /** Sites with a live connection: choosing one replaces its authorization. */
  connected: string[];
  preselected: string | undefined;
  /** The site of the connection being reconnected, when this consent is a reconnect. */
  reconnectCloudId: string | undefined;
}

/** The sites of a consent; the button says whether the chosen one is connected or reconnected. */
export function SitePickerForm({ pendingId, sites, connected, preselected, reconnectCloudId }: Props) {
  const [chosen, setChosen] = useState(preselected);
  const connectedSet = new Set(connected);
  const site = sites.find((candidate) => candidate.id === chosen);
  const choice = site ? describeChoice(site, connectedSet) : undefined;
  const label =
    site && site.id === reconnectCloudId ? 'Confirm and save' : choice?.kind === 'reconnect' ? `Reconnect ${choice.siteName}` : 'Connect this site';
  return (
    <form action={chooseJiraSite} className="space-y-4">
      <input type="hidden" name="pendingId" value={pendingId} />
      <fieldset className="min-w-0 space-y-2">
        <legend className="sr-only">Jira site</legend>
        {sites.map((candidate) => (
          <label
            key={candidate.id}
            className="flex cursor-pointer items-center gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm has-checked:border-indigo-500 has-checked:ring-1 has-checked:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <input type="radio" name="cloudId" value={candidate.id} checked={candidate.id === chosen} onChange={() => setChosen(candidate.id)} required />
            <JiraAvatar src={candidate.avatarUrl} name={candidate.name} size="md" />
            <span className="min-w-0 flex-1">
              <span className="block font-medium">{candidate.name}</span>
              <span className="block truncate text-sm text-zinc-600 dark:text-zinc-400">{candidate.url}</span>
            </span>
            {connectedSet.has(candidate.id) ? <Badge tone="info">Already connected</Badge> : null}
          </label>
        ))}
      </fieldset>
      {choice?.kind === 'reconnect' && site?.id !== reconnectCloudId ? (
        <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          {choice.siteName} is already connected: this replaces its authorization with the one you just gave. Its project filter and mappings are kept.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {/* The server refuses a reconnect the button did not name (a page without JavaScript says "Connect"). */}
        <Button type="submit" name="intent" value={choice?.kind === 'reconnect' ? 'reconnect' : 'connect'}>
          {label}
        </Button>
        <Button type="submit" variant="secondary" formAction={cancelJiraSiteChoice} formNoValidate>
          Cancel
        </Button>
      </div>
    </form>
  );
}
