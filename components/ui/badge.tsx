import type { ReactNode } from 'react';
import type { BadgeTone } from '@/lib/badge-tone';

export type { BadgeTone };

const TONES: Record<BadgeTone, string> = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-500/30',
  warning: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-500/30',
  danger: 'bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950/50 dark:text-red-300 dark:ring-red-500/30',
  info: 'bg-indigo-50 text-indigo-800 ring-indigo-600/30 dark:bg-indigo-950/50 dark:text-indigo-300 dark:ring-indigo-500/30',
};

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}
