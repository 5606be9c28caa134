import 'server-only';
import type { ConnectionTarget } from '@/db/queries/jira-connections';
import { env } from '@/lib/config/env';
import { log } from '@/lib/observability/request-context';
import { planAvatarFetch } from './avatar-hosts';
import { getAccessToken, GrantUnusableError } from './token-store';

/** Avatars are 16–48 px; Atlassian's are a few KB. Anything bigger is not an avatar. */
export const AVATAR_MAX_BYTES = 256 * 1024;
/**
 * Raster formats only. SVG is refused, not sanitized: it can carry script and external references,
 * and the gateway sends PNG when asked (planAvatarFetch adds format=png), so nothing is lost.
 */
export const AVATAR_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TIMEOUT_MS = 5_000;
const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 500;

export type AvatarImage = { ok: true; contentType: string; body: Uint8Array<ArrayBuffer> };
export type AvatarRefusal = {
  ok: false;
  status: 400 | 404 | 502;
  reason: 'url_not_allowed' | 'not_connected' | 'upstream' | 'too_large' | 'not_image';
  message: string;
};

/*
 * A per-process cache of a few hundred small images: it only saves Atlassian calls when the same
 * project list is rendered again, so losing it (restart, another instance) costs nothing. Keyed by
 * organization and connection, so one organization's avatars are never served to another.
 */
const cache = new Map<string, { image: AvatarImage; expiresAt: number }>();

/**
 * Fetches one Jira-supplied avatar URL for a connection: gateway avatars of the connection's own site
 * with its access token (never exposed), other Atlassian avatar hosts without one, anything else
 * refused. Never follows a redirect (it would carry the token elsewhere); size- and type-checked.
 */
export async function fetchAvatar(
  orgId: string,
  target: ConnectionTarget,
  rawUrl: string,
  deps: { fetch?: typeof fetch; now?: () => number } = {},
): Promise<AvatarImage | AvatarRefusal> {
  const now = deps.now ?? Date.now;
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (!target.cloudId || !target.grantId)
    return refusal(404, 'not_connected', 'This Jira connection is not connected.');
  const plan = planAvatarFetch(rawUrl, { apiBaseUrl: env().ATLASSIAN_API_URL, cloudId: target.cloudId });
  if (!plan.fetch) {
    return refusal(
      400,
      'url_not_allowed',
      `Portico only loads avatars from Atlassian's avatar hosts for this site (${plan.reason}).`,
    );
  }
  const key = `${orgId}:${target.id}:${plan.url}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt > now()) return cached.image;

  const grantId = target.grantId;
  const send = async (token?: string) =>
    doFetch(plan.url, {
      headers: {
        Accept: 'image/png,image/jpeg,image/gif,image/webp',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  let response: Response;
  try {
    if (plan.fetch === 'with_token') {
      const token = await getAccessToken(orgId, grantId);
      response = await send(token);
      // An access token revoked early: one refresh, as the Jira client does.
      if (response.status === 401) {
        await response.body?.cancel();
        response = await send(await getAccessToken(orgId, grantId, { forceRefresh: true, rejectedToken: token }));
      }
    } else {
      response = await send();
    }
  } catch (error) {
    if (error instanceof GrantUnusableError)
      return refusal(502, 'upstream', 'Portico has no usable token for this connection.');
    log().warn({ err: error }, 'avatar fetch failed');
    return refusal(502, 'upstream', 'Atlassian did not send the avatar.');
  }

  const image = await readImage(response);
  if (image.ok) {
    if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { image, expiresAt: now() + CACHE_TTL_MS });
  }
  return image;
}

async function readImage(response: Response): Promise<AvatarImage | AvatarRefusal> {
  if (response.status !== 200) {
    await response.body?.cancel();
    return refusal(502, 'upstream', `Atlassian answered the avatar request with HTTP ${response.status}.`);
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!AVATAR_TYPES.has(contentType)) {
    await response.body?.cancel();
    return refusal(502, 'not_image', 'Atlassian sent something other than a PNG, JPEG, GIF or WebP image.');
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > AVATAR_MAX_BYTES) {
    await response.body?.cancel();
    return tooLarge();
  }
  // Content-Length may be absent or wrong: count while reading, and stop at the limit.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return refusal(502, 'upstream', 'Atlassian sent an empty avatar.');
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > AVATAR_MAX_BYTES) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, contentType, body };
}

const tooLarge = () => refusal(502, 'too_large', `The avatar is larger than ${AVATAR_MAX_BYTES / 1024} KB.`);

function refusal(status: AvatarRefusal['status'], reason: AvatarRefusal['reason'], message: string): AvatarRefusal {
  return { ok: false, status, reason, message };
}

/** Tests only: forget cached images. */
export function clearAvatarCache(): void {
  cache.clear();
}
