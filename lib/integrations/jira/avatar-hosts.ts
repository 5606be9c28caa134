/**
 * Where a Jira-supplied avatar may load from in the admin's browser. The URLs come from Jira (a site's
 * avatarUrl, a project's avatarUrls), so without a list any https origin a Jira admin typed could track or
 * phish our admins. Hosts seen in Atlassian's responses (sandbox/reference/recorded/): the avatar CDNs under
 * prod.public.atl-paas.net, Gravatar for people, and universal_avatar paths on the site or the API gateway.
 * The gateway's (api.atlassian.com/ex/jira/…) answer only with a Bearer token, so the browser never loads
 * them: Portico's avatar route does (avatar-proxy.ts), and they are not in the browser's list.
 * proxy.ts builds the img-src of its Content-Security-Policy from AVATAR_IMG_SOURCES, so the two agree.
 */
export const AVATAR_IMG_SOURCES = ['https://*.prod.public.atl-paas.net', 'https://secure.gravatar.com', 'https://*.atlassian.net'] as const;

const CDN_HOST = /^(avatar-management--avatars\.[a-z0-9-]+|site-admin-avatar-cdn)\.prod\.public\.atl-paas\.net$/;
const SITE_HOST = /^[a-z0-9][a-z0-9-]*\.atlassian\.net$/;
const UNIVERSAL_AVATAR = /^\/rest\/api\/[23]\/universal_avatar\//;
const GATEWAY_UNIVERSAL_AVATAR = /^\/ex\/jira\/[0-9a-f-]{36}\/rest\/api\/[23]\/universal_avatar\//;
const CLASSIC_AVATAR = /^\/secure\/(projectavatar|useravatar)$/;
const GATEWAY_AVATAR_VIEW = /^\/ex\/jira\/[0-9a-f-]{36}\/rest\/api\/[23]\/universal_avatar\/view\/type\/[a-z]+\/avatar\/\d+$/;

/** `reason` says why a URL was refused (for tests and logs; the UI shows initials either way). */
export function checkAvatarUrl(raw: string | null | undefined): { allowed: true; url: string } | { allowed: false; reason: 'missing' | 'unparsable' | 'not_https' | 'credentials_or_port' | 'host_not_allowed' | 'needs_token' } {
  if (!raw) return { allowed: false, reason: 'missing' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'unparsable' };
  }
  if (url.protocol !== 'https:') return { allowed: false, reason: 'not_https' };
  if (url.username || url.password || url.port) return { allowed: false, reason: 'credentials_or_port' };
  const host = url.hostname;
  const path = url.pathname;
  const allowed =
    CDN_HOST.test(host) ||
    (host === 'secure.gravatar.com' && path.startsWith('/avatar/')) ||
    (SITE_HOST.test(host) && (UNIVERSAL_AVATAR.test(path) || CLASSIC_AVATAR.test(path)));
  if (allowed) return { allowed: true, url: url.href };
  return host === 'api.atlassian.com' && GATEWAY_UNIVERSAL_AVATAR.test(path)
    ? { allowed: false, reason: 'needs_token' }
    : { allowed: false, reason: 'host_not_allowed' };
}

export type AvatarFetchPlan =
  | { fetch: 'with_token'; url: string }
  | { fetch: 'without_token'; url: string }
  | { fetch: false; reason: 'missing' | 'unparsable' | 'not_https' | 'credentials_or_port' | 'host_not_allowed' | 'needs_token' | 'other_site' };

/**
 * How Portico's avatar route may fetch a Jira-supplied URL. The connection's token goes only to the
 * API gateway Portico is configured with, and only for that connection's own site's universal_avatar
 * view paths (a project of another site, or any other path, never sees it); `format=png` is asked so
 * Atlassian sends no SVG. Other Atlassian avatar hosts are public and fetched without a token.
 */
export function planAvatarFetch(raw: string | null | undefined, gateway: { apiBaseUrl: string; cloudId: string }): AvatarFetchPlan {
  if (!raw) return { fetch: false, reason: 'missing' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { fetch: false, reason: 'unparsable' };
  }
  const api = new URL(gateway.apiBaseUrl);
  if (url.origin === api.origin && GATEWAY_UNIVERSAL_AVATAR.test(url.pathname)) {
    if (url.username || url.password) return { fetch: false, reason: 'credentials_or_port' };
    const cloudId = url.pathname.split('/')[3];
    if (cloudId !== gateway.cloudId || !GATEWAY_AVATAR_VIEW.test(url.pathname)) return { fetch: false, reason: 'other_site' };
    url.searchParams.set('format', 'png');
    return { fetch: 'with_token', url: url.href };
  }
  // A gateway other than Portico's (needs_token) never gets the token either.
  const checked = checkAvatarUrl(raw);
  return checked.allowed ? { fetch: 'without_token', url: checked.url } : { fetch: false, reason: checked.reason };
}

/** Up to two letters for the fallback badge: "Acme Platform" → "AP", "ops" → "OP". */
export function avatarInitials(name: string): string {
  const words = name.trim().split(/[\s_-]+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? '?').slice(0, 2);
  return [...letters].slice(0, 2).join('').toUpperCase();
}
