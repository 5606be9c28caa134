'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import { NotificationPanel } from './notification-panel';
import { useNotificationBell } from './use-notification-bell';

const POLL_MS = 30_000;
/** The popover's widest, and its distance from the viewport's edges on a phone. */
const PANEL_WIDTH = 384;
const EDGE = 8;

/**
 * The header's bell: a button that opens the latest notifications in a popover (a non-modal dialog: focus moves
 * in, Escape closes it and returns focus to the bell, a click or Tab outside closes it, and so does navigating).
 * The unread count comes from the server render, refreshed on navigation, on focus and every 30 s (the app
 * layout is not re-rendered on client navigation, so it would otherwise go stale).
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const pathname = usePathname();
  const router = useRouter();
  // /notifications lists the same rows: a mark made here re-renders it (and the layout's count) there.
  const onMarked = useCallback(() => {
    if (window.location.pathname === '/notifications') router.refresh();
  }, [router]);
  const { unread, list, problem, refreshCount, loadList, markRead } = useNotificationBell(initialUnread, onMarked);
  // Open on the page it was opened on: a navigation closes it, without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  // Forgotten once the page changes, so Back to that page does not reopen it.
  if (openOn !== null && openOn !== pathname) setOpenOn(null);
  const open = openOn === pathname;
  const [announcement, setAnnouncement] = useState('');
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // Also when a server render brings a new count (a mark read on /notifications): that render's layout can come
  // from the router's cache, older than the page beside it, so the count is read again rather than trusted.
  useEffect(() => {
    refreshCount();
    const timer = setInterval(refreshCount, POLL_MS);
    window.addEventListener('focus', refreshCount);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refreshCount);
    };
  }, [pathname, initialUnread, refreshCount]);

  // Under the bell, right-aligned to it, but never past the viewport (on a phone the bell sits at the left).
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      if (!wrapper.current || !panel.current) return;
      const viewport = document.documentElement.clientWidth;
      const width = Math.min(PANEL_WIDTH, viewport - 2 * EDGE);
      const anchor = wrapper.current.getBoundingClientRect();
      const left = Math.min(Math.max(EDGE, anchor.right - width), viewport - width - EDGE);
      panel.current.style.width = `${width}px`;
      panel.current.style.left = `${left - anchor.left}px`;
    };
    place();
    panel.current?.focus();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpenOn(null);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  const toggle = () => {
    if (open) return setOpenOn(null);
    setAnnouncement('');
    setOpenOn(pathname);
    loadList();
  };
  // Tab past the last link (or Shift+Tab before the bell) leaves the popover: it closes behind the focus.
  const closeWhenFocusLeaves = (event: FocusEvent) => {
    if (event.relatedTarget instanceof Node && !wrapper.current?.contains(event.relatedTarget)) setOpenOn(null);
  };
  const markAll = () => {
    void markRead('all');
    setAnnouncement('All notifications are marked read.');
    // The button disappears with the last unread one: keep the focus in the popover.
    panel.current?.focus();
  };

  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <div ref={wrapper} className="relative" onBlur={closeWhenFocusLeaves}>
      <button
        ref={button}
        type="button"
        onClick={toggle}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'notification-panel' : undefined}
        className={`relative inline-flex size-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-zinc-300 dark:hover:bg-zinc-800 ${open ? 'bg-zinc-100 dark:bg-zinc-800' : ''}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-5">
          <path strokeLinecap="round" strokeLinejoin="round" d="M14.857 17.082a23.85 23.85 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0" />
        </svg>
        {unread > 0 ? (
          <span aria-hidden="true" data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          ref={panel}
          id="notification-panel"
          role="dialog"
          aria-labelledby="notification-panel-title"
          tabIndex={-1}
          className="absolute top-full z-40 mt-2 overflow-hidden rounded-xl border border-zinc-200 bg-white text-zinc-900 shadow-lg outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          <NotificationPanel
            list={list}
            unread={unread}
            announcement={problem ?? announcement}
            onRetry={loadList}
            onMarkAll={markAll}
            onOpenItem={(id, read) => {
              if (!read) void markRead([id]);
              setOpenOn(null);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
