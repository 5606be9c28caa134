import ipaddr from 'ipaddr.js';

export type BaseUrlReach = { reachable: true } | { reachable: false; reason: 'loopback' | 'private_address' | 'not_https' | 'local_name' };

/** True for a host Atlassian's cloud cannot call: a loopback, private, link-local or reserved address, or a local name. */
function isLocalHost(hostname: string): false | 'loopback' | 'private_address' | 'local_name' {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (ipaddr.isValid(host)) {
    const parsed = ipaddr.process(host);
    const range = parsed.range();
    if (range === 'loopback') return 'loopback';
    return range === 'unicast' ? false : 'private_address';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  // Single-label names and reserved suffixes only resolve on a local network (RFC 6761, RFC 6762).
  if (!host.includes('.') || /\.(local|internal|lan|home|test|example|invalid)$/.test(host)) return 'local_name';
  return false;
}

/**
 * Whether Atlassian can deliver webhooks to Portico at `baseUrl`. Atlassian's cloud calls public HTTPS URLs
 * only, so a loopback, private or local-name host, or plain http, cannot receive them. The exception is an
 * Atlassian that is itself local: when ATLASSIAN_API_URL points at a local host (the sandbox, or a
 * developer's stand-in), it runs beside Portico and reaches it wherever it listens.
 */
export function baseUrlReach(baseUrl: string, atlassianApiUrl: string): BaseUrlReach {
  const api = new URL(atlassianApiUrl);
  if (isLocalHost(api.hostname)) return { reachable: true };
  const base = new URL(baseUrl);
  const local = isLocalHost(base.hostname);
  if (local) return { reachable: false, reason: local };
  if (base.protocol !== 'https:') return { reachable: false, reason: 'not_https' };
  return { reachable: true };
}

export function describeBaseUrlReach(reach: BaseUrlReach, baseUrl: string): string | null {
  if (reach.reachable) return null;
  const where = new URL(baseUrl).host;
  switch (reach.reason) {
    case 'loopback':
      return `PORTICO_BASE_URL (${where}) is this machine's own address, which Atlassian cannot call, so Portico polls Jira instead of receiving webhooks. Set PORTICO_BASE_URL to Portico's public HTTPS address to get changes within seconds.`;
    case 'private_address':
      return `PORTICO_BASE_URL (${where}) is a private network address, which Atlassian cannot call, so Portico polls Jira instead of receiving webhooks. Set PORTICO_BASE_URL to Portico's public HTTPS address to get changes within seconds.`;
    case 'local_name':
      return `PORTICO_BASE_URL (${where}) is a name only your network knows, which Atlassian cannot call, so Portico polls Jira instead of receiving webhooks. Set PORTICO_BASE_URL to Portico's public HTTPS address to get changes within seconds.`;
    case 'not_https':
      return `PORTICO_BASE_URL (${where}) is plain http; Atlassian delivers webhooks over HTTPS only, so Portico polls Jira instead. Serve Portico over HTTPS and set PORTICO_BASE_URL to that address.`;
  }
}
