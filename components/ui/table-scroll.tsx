import type { ReactNode } from 'react';

/**
 * A wide table scrolls inside its own box on a phone, so the page never scrolls sideways. Focusable and
 * named, so a keyboard user can scroll it too (axe: scrollable-region-focusable). `relative` makes it the
 * containing block of absolutely positioned content (an sr-only header label), which would otherwise escape the
 * scroll box and widen the page.
 */
export function TableScroll({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600 ${className}`}>
      {children}
    </div>
  );
}
