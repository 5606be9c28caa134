import 'server-only';
import { findAuthorizeLink, replaceAuthorizeLink } from '@/db/queries/jira-authorize-links';
import type { CurrentMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { generateOpaqueToken, sha256Hex } from '@/lib/crypto/opaque-token';

/** Long enough for an email to reach a customer's admin across time zones; short enough to not linger. */
export const AUTHORIZE_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const AUTHORIZE_LINK_PATH = '/integrations/jira/authorize';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashLinkToken = sha256Hex;
export const isLinkToken = (token: string) => TOKEN_PATTERN.test(token);

/** A new single-use link: 256-bit token in the URL, only its hash stored. */
export function newAuthorizeLink() {
  const token = generateOpaqueToken();
  return {
    url: `${env().PORTICO_BASE_URL}${AUTHORIZE_LINK_PATH}/${token}`,
    tokenHash: hashLinkToken(token),
    expiresAt: new Date(Date.now() + AUTHORIZE_LINK_TTL_MS),
  };
}

/**
 * A new link for an existing connection; earlier unused links of the connection stop working. Undefined when
 * the organization has no such connection.
 */
export async function issueAuthorizeLink(orgId: string, connectionId: string, apiKeyId: string | null) {
  const link = newAuthorizeLink();
  const issued = await replaceAuthorizeLink(orgId, { connectionId, tokenHash: link.tokenHash, apiKeyId, expiresAt: link.expiresAt });
  return issued ? { url: link.url, expiresAt: link.expiresAt } : undefined;
}

export type LinkVerdict =
  | { kind: 'usable'; connectionId: string; siteName: string | null; expiresAt: Date }
  | { kind: 'unknown' | 'used' | 'expired' | 'other_organization' | 'admin_only' };

/** What the link page may do for this member. Checks order: existence, organization, role, use, expiry. */
export async function assessAuthorizeLink(member: CurrentMember, token: string): Promise<LinkVerdict> {
  if (!isLinkToken(token)) return { kind: 'unknown' };
  const link = await findAuthorizeLink(hashLinkToken(token));
  if (!link) return { kind: 'unknown' };
  // Another organization's admin learns nothing about the connection, and cannot burn the link.
  if (link.organizationId !== member.orgId) return { kind: 'other_organization' };
  if (member.role !== 'admin') return { kind: 'admin_only' };
  if (link.usedAt) return { kind: 'used' };
  if (link.expiresAt.getTime() <= Date.now()) return { kind: 'expired' };
  return { kind: 'usable', connectionId: link.connectionId, siteName: link.siteName, expiresAt: link.expiresAt };
}
