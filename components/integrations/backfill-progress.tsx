const number = new Intl.NumberFormat('en');

/** "12,400 of about 40,000 issues"; without Jira's estimate yet, "12,400 issues so far". */
export function backfillProgressText(done: number, totalEstimate: number | null): string {
  if (totalEstimate === null || totalEstimate <= 0) return `${number.format(done)} issues so far`;
  return `${number.format(done)} of about ${number.format(Math.max(totalEstimate, done))} issues`;
}

/** The backfill as a progress bar; the estimate is Jira's approximate count, so the bar never passes 100%. */
export function BackfillProgress({ done, totalEstimate, label }: { done: number; totalEstimate: number | null; label: string }) {
  const known = totalEstimate !== null && totalEstimate > 0;
  const percent = known ? Math.min(100, Math.round((done / Math.max(totalEstimate, 1)) * 100)) : undefined;
  const text = backfillProgressText(done, totalEstimate);
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={`h-full rounded-full bg-indigo-600 transition-[width] duration-500 dark:bg-indigo-400 ${known ? '' : 'w-1/3 animate-pulse'}`}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="text-sm tabular-nums text-zinc-700 dark:text-zinc-300">{text}</p>
    </div>
  );
}
