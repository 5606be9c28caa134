'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const EVERY_MS = 2_000;
/** A check that has not finished in this long is reported by the next page view, not by polling forever. */
const GIVE_UP_AFTER_MS = 5 * 60_000;

/** Re-renders the server page while a health check is running or on its way, so its result appears by itself. */
export function LiveRefresh() {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_AFTER_MS) clearInterval(timer);
      else router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
