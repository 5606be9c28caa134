'use client';

import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { bellListSchema, unreadCountSchema, type BellItem } from '@/lib/notifications/bell';

export type BellListState = { status: 'idle' | 'loading' | 'error' } | { status: 'ready'; items: BellItem[] };

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const response = await fetch(url, { cache: 'no-store' }).catch(() => undefined);
  if (!response?.ok) return undefined;
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The bell's state: the unread count and the popover's list, refreshed from the server and marked read
 * optimistically. A read that started before a mark-read (or finished while one is in flight) is stale and
 * dropped; once the last mark-read settles, one fresh read restores the server's truth, so a slow poll can
 * never bring back a dot the person just cleared.
 */
export function useNotificationBell(initialUnread: number, onMarked: () => void) {
  const [unread, setUnread] = useState(initialUnread);
  // A server render with a new count (a mark read on /notifications) replaces the local one.
  const [renderedUnread, setRenderedUnread] = useState(initialUnread);
  if (initialUnread !== renderedUnread) {
    setRenderedUnread(initialUnread);
    setUnread(initialUnread);
  }
  const [list, setList] = useState<BellListState>({ status: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(0);
  const listWanted = useRef(false);

  const refreshCount = useCallback(() => {
    const started = generation.current;
    void getJson('/api/notifications/unread', unreadCountSchema).then((body) => {
      if (body && started === generation.current && inFlight.current === 0) setUnread(body.unread);
    });
  }, []);

  const loadList = useCallback(() => {
    listWanted.current = true;
    const started = generation.current;
    setList((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    void getJson('/api/notifications', bellListSchema).then((body) => {
      if (started !== generation.current || inFlight.current > 0) return;
      if (!body) {
        setList((current) => (current.status === 'ready' ? current : { status: 'error' }));
        return;
      }
      setUnread(body.unread);
      setList({ status: 'ready', items: body.items });
    });
  }, []);

  const markRead = useCallback(
    async (target: readonly string[] | 'all') => {
      const marks = (item: BellItem) => target === 'all' || target.includes(item.id);
      inFlight.current += 1;
      generation.current += 1;
      setProblem(null);
      const cleared = list.status === 'ready' ? list.items.filter((item) => !item.read && marks(item)).length : 0;
      setUnread((count) => (target === 'all' ? 0 : Math.max(0, count - cleared)));
      setList((current) =>
        current.status === 'ready' ? { status: 'ready', items: current.items.map((item) => (marks(item) ? { ...item, read: true } : item)) } : current,
      );
      // keepalive: the mark survives the navigation that opening a notification's link starts.
      const response = await fetch('/api/notifications/read', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(target === 'all' ? { all: true } : { ids: target }),
        keepalive: true,
      }).catch(() => undefined);
      if (!response?.ok) setProblem('Portico could not mark them read. Try again in a moment.');
      inFlight.current -= 1;
      generation.current += 1;
      if (inFlight.current > 0) return;
      if (listWanted.current) loadList();
      else refreshCount();
      onMarked();
    },
    [list, loadList, refreshCount, onMarked],
  );

  return { unread, list, problem, refreshCount, loadList, markRead };
}
