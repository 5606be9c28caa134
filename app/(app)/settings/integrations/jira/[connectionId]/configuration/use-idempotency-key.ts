'use client';

import { useCallback, useRef } from 'react';

/**
 * One idempotency key per save: the same request (a retry after a lost answer, or Save pressed again after
 * an error) carries the same key, so the server answers with the save that already landed instead of a 409;
 * any other request gets a new key.
 */
export function useIdempotencyKey(): (request: unknown) => string {
  const attempt = useRef<{ request: string; key: string } | undefined>(undefined);
  return useCallback((request: unknown) => {
    const serialized = JSON.stringify(request);
    if (attempt.current?.request !== serialized) attempt.current = { request: serialized, key: newKey() };
    return attempt.current.key;
  }, []);
}

// randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
