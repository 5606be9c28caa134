'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(text: string) => void>(() => {});

export const useAnnounceRetry = () => useContext(AnnounceContext);

/**
 * A retried job leaves the list (it is back in its queue), taking its button with it: the confirmation is said
 * here, above the list, where it outlives the row.
 */
export function RetryAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  return (
    <AnnounceContext value={setMessage}>
      <p role="status" className={message ? 'rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-200' : 'sr-only'}>
        {message}
      </p>
      {children}
    </AnnounceContext>
  );
}
