import ipaddr from 'ipaddr.js';

/**
 * The client's address as Portico's front server recorded it in X-Forwarded-For (scripts/front-handler.ts
 * replaces the header unless the peer is a trusted proxy, so its first entry is not client-chosen). Used
 * only as a rate-limit key; "unknown" when absent or not an address.
 */
export function clientIp(headers: Headers): string {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
  if (!ipaddr.isValid(first)) return 'unknown';
  const address = ipaddr.process(first);
  return address.toNormalizedString();
}
