'use client';

import { useSyncExternalStore } from 'react';
import { describeTime, type TimeVariant } from '@/lib/format/relative-time';
import type { TimePrefix } from '@/lib/format/time-token';

// One shared clock for every <LocalTime> on the page, so "just now" becomes "1 minute ago" without a reload.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((notify) => notify());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// The server renders with its own clock at request time; hydration reuses the browser's, which is close enough.
const serverNow = () => (typeof window === 'undefined' ? Date.now() : now);
const noSubscription = () => () => {};

/**
 * A time in the reader's time zone: "3 minutes ago" while recent, else the local date (`exact`: the local time to
 * the second), with the exact UTC time on hover. The server does not know the reader's zone, so it renders UTC and
 * the browser's first render after hydration switches to local time. Inside a sentence, `prefix` is the word an
 * absolute time needs there ("the last on Nov 23, …"); a relative one reads without it ("the last 3 minutes ago").
 */
export function LocalTime({
  date,
  variant = 'auto',
  prefix,
  className,
}: {
  date: string | Date;
  variant?: TimeVariant;
  prefix?: TimePrefix;
  className?: string;
}) {
  const clock = useSyncExternalStore(subscribe, () => now, serverNow);
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const value = typeof date === 'string' ? new Date(date) : date;
  const { text, title } = describeTime(value, new Date(clock), inBrowser ? undefined : 'UTC', variant, prefix);
  return (
    // The relative text can cross a unit between the server's render and hydration; either is right.
    <time dateTime={value.toISOString()} title={title} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}
