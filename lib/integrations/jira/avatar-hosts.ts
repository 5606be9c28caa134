/**
 * Where a Jira-supplied avatar may load from in the admin's browser. The URLs come from Jira (a site's
 * avatarUrl, a project's avatarUrls), so without a list any https origin a Jira admin typed could track or
 * phish our admins. Hosts seen in Atlassian's responses (sandbox/reference/recorded/): the avatar CDNs under
 * prod.public.atl-paas.net, Gravatar for people, and universal_avatar paths on the site or the API gateway.
 * proxy.ts builds the img-src of its Content-Security-Policy from AVATAR_IMG_SOURCES, so the two agree.
 */
export const AVATAR_IMG_SOURCES = ['https://*.prod.public.atl-paas.net', 'https://secure.gravatar.com', 'https://*.atlassian.net', 'https://api.atlassian.com'] as const;

const CDN_HOST = /^(avatar-management--avatars\.[a-z0-9-]+|site-admin-avatar-cdn)\.prod\.public\.atl-paas\.net$/;
const SITE_HOST = /^[a-z0-9][a-z0-9-]*\.atlassian\.net$/;
const UNIVERSAL_AVATAR = /^\/rest\/api\/[23]\/universal_avatar\//;
const GATEWAY_UNIVERSAL_AVATAR = /^\/ex\/jira\/[0-9a-f-]{36}\/rest\/api\/[23]\/universal_avatar\//;
const CLASSIC_AVATAR = /^\/secure\/(projectavatar|useravatar)$/;

/** `reason` says why a URL was refused (for tests and logs; the UI shows initials either way). */
export function checkAvatarUrl(raw: string | null | undefined): { allowed: true; url: string } | { allowed: false; reason: 'missing' | 'unparsable' | 'not_https' | 'credentials_or_port' | 'host_not_allowed' } {
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
    (SITE_HOST.test(host) && (UNIVERSAL_AVATAR.test(path) || CLASSIC_AVATAR.test(path))) ||
    (host === 'api.atlassian.com' && GATEWAY_UNIVERSAL_AVATAR.test(path));
  return allowed ? { allowed: true, url: url.href } : { allowed: false, reason: 'host_not_allowed' };
}

/** Up to two letters for the fallback badge: "Acme Platform" → "AP", "ops" → "OP". */
export function avatarInitials(name: string): string {
  const words = name.trim().split(/[\s_-]+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? '?').slice(0, 2);
  return [...letters].slice(0, 2).join('').toUpperCase();
}
