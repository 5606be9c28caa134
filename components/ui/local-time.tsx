'use client';

import { useSyncExternalStore } from 'react';
import { formatInZone, formatRelative } from '@/lib/format/relative-time';

const subscribe = () => () => {};

/**
 * A time as "3 hours ago", with the absolute time in the reader's time zone on hover. The server does not know
 * that zone, so it renders UTC and the browser's first render after hydration switches to local time.
 */
export function LocalTime({ date, className }: { date: string; className?: string }) {
  const inBrowser = useSyncExternalStore(subscribe, () => true, () => false);
  const value = new Date(date);
  const absolute = formatInZone(value, inBrowser ? undefined : 'UTC');
  return (
    // The relative text can cross a unit between the server's render and hydration; either is right.
    <time dateTime={date} title={absolute} className={className} suppressHydrationWarning>
      {formatRelative(value, new Date())}
    </time>
  );
}
