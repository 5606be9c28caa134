import ipaddr from 'ipaddr.js';

/*
 * X-Forwarded-* from the client are believed only when the TCP peer is a configured proxy
 * (PORTICO_TRUSTED_PROXIES). Next fills these headers only when they are absent, and its server-action origin
 * check, Auth.js's URLs and the rate limiters all read them: a client that sent X-Forwarded-Host: evil.example
 * with Origin: https://evil.example passed the origin check and created an API key. Pure: no I/O.
 */

export type TrustedProxies = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

const SPOOFABLE = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** "10.0.0.0/8, 192.168.1.7, ::1" → ranges; a bare address is a range of one. Throws naming the bad entry. */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        if (entry.includes('/')) return ipaddr.parseCIDR(entry);
        const address = ipaddr.parse(entry);
        return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
      } catch {
        throw new Error(`"${entry}" is not an IP address or CIDR range`);
      }
    });
}

/** Normalises IPv4-mapped IPv6 ("::ffff:10.0.0.1", as Node reports IPv4 peers on a dual-stack socket). */
function address(value: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const text = value?.trim().replace(/^\[(.*)\]$/, '$1') ?? '';
  return ipaddr.isValid(text) ? ipaddr.process(text) : undefined;
}

export function isTrustedProxy(peer: string | undefined, trusted: TrustedProxies): boolean {
  const parsed = address(peer);
  return Boolean(parsed && trusted.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits)));
}

export interface ForwardedView {
  /** Headers to set on the request before Next sees it; `undefined` removes the header. */
  headers: Record<(typeof SPOOFABLE)[number], string | undefined>;
  /** Whether the client reached Portico over https (HSTS is pointless, and ignored, over http). */
  https: boolean;
}

/**
 * What Next may believe about a request. From an untrusted peer, every forwarded header is dropped and
 * X-Forwarded-For becomes the peer itself. From a trusted proxy, Host and Proto are kept (first value) and the
 * client is the right-most X-Forwarded-For address that is not itself a trusted proxy.
 */
export function forwardedView(
  incoming: Record<string, string | string[] | undefined>,
  peer: string | undefined,
  trusted: TrustedProxies,
  socketEncrypted = false,
): ForwardedView {
  const cleared = Object.fromEntries(SPOOFABLE.map((name) => [name, undefined])) as ForwardedView['headers'];
  const peerAddress = address(peer)?.toString();
  if (!isTrustedProxy(peer, trusted)) {
    return { headers: { ...cleared, 'x-forwarded-for': peerAddress }, https: socketEncrypted };
  }
  const first = (name: string) => {
    const value = incoming[name];
    return (Array.isArray(value) ? value.join(',') : value)?.split(',')[0]?.trim() || undefined;
  };
  const chain = [incoming['x-forwarded-for']]
    .flat()
    .join(',')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const client = [...chain].reverse().find((entry) => !isTrustedProxy(entry, trusted)) ?? chain[0];
  const proto = first('x-forwarded-proto')?.toLowerCase();
  const safeProto = proto === 'https' || proto === 'http' ? proto : undefined;
  return {
    headers: {
      ...cleared,
      'x-forwarded-host': first('x-forwarded-host'),
      'x-forwarded-proto': safeProto,
      'x-forwarded-port': first('x-forwarded-port'),
      'x-forwarded-for': address(client)?.toString() ?? peerAddress,
    },
    https: safeProto ? safeProto === 'https' : socketEncrypted,
  };
}
