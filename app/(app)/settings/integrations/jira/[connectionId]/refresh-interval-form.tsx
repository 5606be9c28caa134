'use client';

import { useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { MAX_REFRESH_INTERVAL_SECS, MIN_REFRESH_INTERVAL_SECS } from '@/lib/integrations/jira/sync/refresh-interval';
import { saveRefreshInterval } from './actions';

const UNITS = { minutes: 60, hours: 3600 } as const;
type Unit = keyof typeof UNITS;

const initialUnit = (secs: number): Unit => (secs % 3600 === 0 ? 'hours' : 'minutes');

/** How often the sync polls Jira, from 1 minute to 24 hours; checked here and again by the server. */
export function RefreshIntervalForm({ connectionId, secs, onSaved }: { connectionId: string; secs: number; onSaved: () => void }) {
  const id = useId();
  const [unit, setUnit] = useState<Unit>(initialUnit(secs));
  const [amount, setAmount] = useState(String(secs / UNITS[initialUnit(secs)]));
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, startTransition] = useTransition();

  const total = Number(amount) * UNITS[unit];
  const problem =
    amount.trim() === '' || !Number.isFinite(total) || !Number.isInteger(total)
      ? 'Enter a whole number of minutes or hours.'
      : total < MIN_REFRESH_INTERVAL_SECS
        ? 'The shortest interval is 1 minute.'
        : total > MAX_REFRESH_INTERVAL_SECS
          ? 'The longest interval is 24 hours.'
          : undefined;

  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (problem) return setMessage({ ok: false, text: problem });
        startTransition(async () => {
          const result = await saveRefreshInterval({ connectionId, refreshIntervalSecs: total });
          setMessage(result.ok ? { ok: true, text: result.message ?? 'Saved.' } : { ok: false, text: result.fieldErrors?.refreshIntervalSecs?.[0] ?? result.error });
          if (result.ok) onSaved();
        });
      }}
    >
      <label htmlFor={`${id}-amount`} className="text-sm font-medium">Sync every</label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={`${id}-amount`}
          inputMode="numeric"
          className="input w-24"
          value={amount}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            setAmount(event.target.value);
            setMessage(undefined);
          }}
        />
        <select aria-label="Unit" className="input w-32" value={unit} onChange={(event) => setUnit(event.target.value as Unit)}>
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
        </select>
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Saving…' : 'Save interval'}</Button>
      </div>
      <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">Between 1 minute and 24 hours. Shorter intervals use more of the site’s Jira rate limit.</p>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>{message.text}</p>
      ) : null}
    </form>
  );
}
