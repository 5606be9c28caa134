import Link from 'next/link';
import { CONNECT_OUTCOMES, isConnectOutcome } from '@/lib/integrations/jira/connect/outcomes';
import { isUuid } from '@/lib/validation/uuid';

const TONES = {
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-200',
  info: 'bg-sky-50 text-sky-900 ring-sky-600/20 dark:bg-sky-950/50 dark:text-sky-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200',
  danger: 'bg-red-50 text-red-900 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200',
} as const;

/**
 * Shows the result of a connect attempt; only known codes render, so nothing is reflected. A Portico
 * failure also shows its request id (a well-formed one only), which finds the logged error. A success can
 * offer the next step (`next`), beside the announced message rather than inside it.
 */
export function OutcomeBanner({
  outcome,
  requestId,
  next,
}: {
  outcome: unknown;
  requestId?: unknown;
  next?: { href: string; label: string };
}) {
  if (!isConnectOutcome(outcome)) return null;
  const { tone, message } = CONNECT_OUTCOMES[outcome];
  const shownRequestId =
    outcome === 'internal_error' && typeof requestId === 'string' && isUuid(requestId) ? requestId : undefined;
  return (
    <div className={`flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg px-4 py-3 text-sm ring-1 ring-inset ${TONES[tone]}`}>
      <p role={tone === 'success' || tone === 'info' ? 'status' : 'alert'}>
        {message}
        {shownRequestId && (
          <>
            {' '}
            Request id: <code className="font-mono">{shownRequestId}</code>
          </>
        )}
      </p>
      {next && tone === 'success' ? (
        <Link href={next.href} className="font-semibold underline-offset-2 hover:underline">
          {next.label}
        </Link>
      ) : null}
    </div>
  );
}
