import { CONNECT_OUTCOMES, isConnectOutcome } from '@/lib/integrations/jira/connect/outcomes';

const TONES = {
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-200',
  info: 'bg-sky-50 text-sky-900 ring-sky-600/20 dark:bg-sky-950/50 dark:text-sky-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200',
  danger: 'bg-red-50 text-red-900 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200',
} as const;

/** Shows the result of a connect attempt; only known codes render, so nothing is reflected. */
export function OutcomeBanner({ outcome }: { outcome: unknown }) {
  if (!isConnectOutcome(outcome)) return null;
  const { tone, message } = CONNECT_OUTCOMES[outcome];
  return (
    <div role={tone === 'success' || tone === 'info' ? 'status' : 'alert'} className={`rounded-lg px-4 py-3 text-sm ring-1 ring-inset ${TONES[tone]}`}>
      {message}
    </div>
  );
}
