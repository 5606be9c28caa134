import ipaddr from 'ipaddr.js';

/*
 * Where an outbound webhook may go (SSRF). This is the check at save time, on the URL as typed; the check that
 * counts runs again at connect time on the address DNS gave (send-webhook.ts, request-filtering-agent), so a
 * name that resolves to 127.0.0.1, or starts to later (DNS rebinding), is refused too. Pure: the settings page
 * uses it for its field errors.
 */

export type DestinationProblem =
  | { code: 'invalid_url'; message: string }
  | { code: 'unsupported_scheme'; message: string }
  | { code: 'credentials_in_url'; message: string }
  | { code: 'private_address'; message: string };

const PRIVATE_NAMES = /(^|\.)(localhost|localdomain|internal|local|home\.arpa)$/i;

export function destinationProblem(raw: string, options: { allowPrivate: boolean }): DestinationProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'invalid_url', message: 'Enter a full URL, such as https://example.com/webhooks/portico.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'unsupported_scheme', message: 'Use an https:// (or http://) URL.' };
  }
  if (url.username || url.password) {
    return { code: 'credentials_in_url', message: 'Remove the user name and password from the URL; Portico signs every delivery instead.' };
  }
  if (options.allowPrivate) return null;
  // The WHATWG parser already turned decimal, hex and octal forms (2130706433, 0x7f.1) into dotted IPv4.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return privateAddress();
  if (!host.includes('.') || PRIVATE_NAMES.test(host.replace(/\.$/, ''))) return privateAddress();
  return null;
}

/** A unicast address on the public internet: no private, loopback, link-local, mapped or reserved range. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

function privateAddress(): DestinationProblem {
  return {
    code: 'private_address',
    message: 'Portico does not send webhooks to private, loopback or link-local addresses. Use a public URL (see PORTICO_WEBHOOKS_ALLOW_PRIVATE for local development).',
  };
}
