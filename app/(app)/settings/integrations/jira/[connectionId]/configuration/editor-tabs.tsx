'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export const TABS = ['Statuses', 'Priorities', 'Projects', 'Overrides', 'Preview', 'History'] as const;
export type Tab = (typeof TABS)[number];

const slug = (tab: Tab) => tab.toLowerCase();

const fromQuery = (query: URLSearchParams) => TABS.find((tab) => slug(tab) === query.get('tab')) ?? 'Statuses';

/**
 * The selected tab lives in the URL (`?tab=history`): it survives a reload, a shared link opens it, and Back
 * returns to the previous tab. Native pushState keeps Next's router in step without a server round trip.
 * The selection itself is local state: Next applies a pushState to useSearchParams in a transition, a render
 * behind a fast keyboard user, so only Back and Forward (popstate) move it from the URL.
 */
export function useSelectedTab(): [Tab, (tab: Tab) => void] {
  const params = useSearchParams();
  const [selected, setSelected] = useState(() => fromQuery(params));
  useEffect(() => {
    const onPopState = () => setSelected(fromQuery(new URLSearchParams(window.location.search)));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const select = (tab: Tab) => {
    if (tab === selected) return;
    setSelected(tab);
    const next = new URLSearchParams(window.location.search);
    next.set('tab', slug(tab));
    window.history.pushState(null, '', `?${next.toString()}`);
  };
  return [selected, select];
}

const tabId = (tab: Tab) => `tab-${slug(tab)}`;
const panelId = (tab: Tab) => `panel-${slug(tab)}`;

interface EditorTabsProps {
  selected: Tab;
  onSelect: (tab: Tab) => void;
  label: (tab: Tab) => string;
  children: ReactNode;
}

/**
 * WAI-ARIA tabs with automatic activation: one tab stop (roving tabindex), Left/Right move and select,
 * Home/End go to the first and last tab. Every tab controls a panel; only the selected one has content.
 */
export function EditorTabs({ selected, onSelect, label, children }: EditorTabsProps) {
  const buttons = useRef(new Map<Tab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    // From the focused tab, which is the selected one unless a click is still being handled.
    const focused = TABS.find((tab) => buttons.current.get(tab) === document.activeElement);
    const index = TABS.indexOf(focused ?? selected);
    const target =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    onSelect(target);
    buttons.current.get(target)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label="Configuration" onKeyDown={onKeyDown} className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              if (element) buttons.current.set(tab, element);
              else buttons.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={tabId(tab)}
            aria-selected={tab === selected}
            aria-controls={panelId(tab)}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => onSelect(tab)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
              tab === selected
                ? 'border-indigo-600 text-indigo-700 dark:text-indigo-300'
                : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
            }`}
          >
            {label(tab)}
          </button>
        ))}
      </div>
      {TABS.map((tab) =>
        tab === selected ? (
          <div key={tab} role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600">
            {children}
          </div>
        ) : (
          <div key={tab} role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} hidden />
        ),
      )}
    </>
  );
}
