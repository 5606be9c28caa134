'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { describeChange, rowKey, type ConfigNames } from '@/lib/integrations/jira/config/describe-changes';
import { mergeConfigs, planMerge, type ConflictChoice } from '@/lib/integrations/jira/config/merge-config';
import type { SavedConfig } from './api-client';
import { ChangeList } from './change-list';

interface ConflictNoticeProps {
  /** The version my edits started from, my draft, and what the other admin saved meanwhile. */
  base: JiraConfig;
  mine: JiraConfig;
  theirs: SavedConfig;
  names: ConfigNames;
  onLoadTheirs: () => void;
  onMerged: (config: JiraConfig) => void;
}

/**
 * A stale save: every row the other admin changed, by name, and each row we both changed to different
 * values as a choice the admin makes (keep mine / take theirs). Nothing is applied until every choice is made.
 */
export function ConflictNotice({ base, mine, theirs, names, onLoadTheirs, onMerged }: ConflictNoticeProps) {
  const plan = planMerge(base, mine, theirs.config);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const groupId = useId();
  const colliding = new Set(plan.conflicts.map((conflict) => conflict.key));
  const theirsOnly = plan.theirChanges.filter((change) => !colliding.has(rowKey(change)));
  const unresolved = plan.conflicts.filter((conflict) => !choices[conflict.key]).length;
  const who = theirs.updatedBy ?? 'another admin';

  const merge = () => {
    const outcome = mergeConfigs(base, mine, theirs.config, choices);
    if (outcome.ok) onMerged(outcome.config);
  };

  return (
    <section role="alert" aria-label="Save conflict" className="space-y-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-100">
      <p className="font-medium">
        Not saved: {who} saved version {theirs.version} while you were editing.
      </p>
      <div>
        <p>Their changes{theirsOnly.length ? ':' : ': none besides the rows below.'}</p>
        {theirsOnly.length ? <ChangeList changes={theirsOnly} names={names} label="Their changes" /> : null}
      </div>
      {plan.conflicts.length ? (
        <fieldset className="space-y-2">
          <legend className="font-medium">
            You both changed {plan.conflicts.length === 1 ? 'this row' : `these ${plan.conflicts.length} rows`}: choose which value to keep for each.
          </legend>
          <ul className="space-y-2">
            {plan.conflicts.map((conflict, index) => {
              const mineText = describeChange(conflict.mine, names);
              const theirsText = describeChange(conflict.theirs, names);
              const name = `${groupId}-${index}`;
              return (
                <li key={conflict.key} className="rounded-md bg-white/70 px-3 py-2 ring-1 ring-amber-600/20 dark:bg-zinc-900/60">
                  <p className="font-medium">
                    {mineText.subject} <span className="font-normal">(was {mineText.from})</span>
                  </p>
                  <div role="radiogroup" aria-label={`Value for ${mineText.subject}`} className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
                    {(['mine', 'theirs'] as const).map((side) => (
                      <label key={side} className="inline-flex items-center gap-2">
                        <input
                          type="radio"
                          name={name}
                          checked={choices[conflict.key] === side}
                          onChange={() => setChoices((current) => ({ ...current, [conflict.key]: side }))}
                        />
                        {side === 'mine' ? `Keep mine: ${mineText.to}` : `Take theirs: ${theirsText.to}`}
                      </label>
                    ))}
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="secondary" onClick={onLoadTheirs}>
          Discard my edits and load their version
        </Button>
        <Button type="button" variant="secondary" disabled={unresolved > 0} onClick={merge}>
          {plan.conflicts.length ? 'Apply my choices on top of theirs' : 'Keep my edits on top of theirs'}
        </Button>
        {unresolved > 0 ? <span>Choose a value for {unresolved === 1 ? 'the row' : `${unresolved} rows`} you both changed first.</span> : null}
      </div>
    </section>
  );
}
