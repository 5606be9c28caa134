// Grants and their rotating refresh tokens, following Auth0's rotation rules (Atlassian's token service is
// Auth0-based; developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens):
// - every refresh returns a new refresh token (a child of the one presented);
// - the most recently used token may be presented again within the reuse leeway (concurrent refreshes);
// - presenting any other already-used token, a sibling that was overtaken, or the previous token after the
//   leeway is treated as reuse: the whole grant (token family) is invalidated;
// - a refresh token unused for 90 days expires (inactivity expiry).
// Each code exchange starts its own token family. Which sites a family's tokens reach depends on the app's
// grant type (docs/decisions/012-grants-per-consent.md): account-level families reach every site the account
// consented the app to (cloudIds null), resource-level ones only the sites of their own consent.
import { randomBytes, randomUUID } from 'node:crypto';

export const REFRESH_INACTIVITY_MS = 90 * 86_400_000;

export interface Grant {
  id: string;
  clientId: string;
  accountId: string;
  /** Scopes the user consented to (before intersecting with the app's current configuration). */
  scopes: string[];
  /** Resource-level: the sites this consent covers. Null for account-level (every consented site). */
  cloudIds: string[] | null;
  createdAt: number;
  revokedAt: number | null;
  revokedReason: 'reuse_detected' | 'control_api' | null;
  lastUsedToken: string | null;
}

export interface RefreshToken {
  token: string;
  grantId: string;
  parent: string | null;
  issuedAt: number;
  usedAt: number | null;
}

export type Redemption =
  | { ok: true; grant: Grant; record: RefreshToken }
  | { ok: false; reason: 'unknown' | 'wrong_client' | 'revoked' | 'expired' | 'reuse_detected' };

export class GrantStore {
  private grants = new Map<string, Grant>();
  private tokens = new Map<string, RefreshToken>();

  create(clientId: string, accountId: string, scopes: string[], now: number, cloudIds: string[] | null = null): Grant {
    const grant: Grant = { id: randomUUID(), clientId, accountId, scopes, cloudIds, createdAt: now, revokedAt: null, revokedReason: null, lastUsedToken: null };
    this.grants.set(grant.id, grant);
    return grant;
  }

  issueRefreshToken(grant: Grant, parent: string | null, now: number): RefreshToken {
    const record: RefreshToken = { token: randomBytes(48).toString('base64url'), grantId: grant.id, parent, issuedAt: now, usedAt: null };
    this.tokens.set(record.token, record);
    return record;
  }

  redeem(token: string, clientId: string, now: number, leewayMs: number): Redemption {
    const record = this.tokens.get(token);
    const grant = record && this.grants.get(record.grantId);
    if (!record || !grant) return { ok: false, reason: 'unknown' };
    if (grant.clientId !== clientId) return { ok: false, reason: 'wrong_client' };
    if (grant.revokedAt !== null) return { ok: false, reason: 'revoked' };
    if (now - (record.usedAt ?? record.issuedAt) > REFRESH_INACTIVITY_MS) return { ok: false, reason: 'expired' };

    const isCurrentGeneration = record.usedAt === null && record.parent === grant.lastUsedToken;
    const isLeewayReuse = record.usedAt !== null && token === grant.lastUsedToken && now - record.usedAt <= leewayMs;
    if (!isCurrentGeneration && !isLeewayReuse) {
      this.revoke(grant, 'reuse_detected', now);
      return { ok: false, reason: 'reuse_detected' };
    }
    if (record.usedAt === null) {
      record.usedAt = now;
      grant.lastUsedToken = token;
    }
    return { ok: true, grant, record };
  }

  revoke(grant: Grant, reason: Grant['revokedReason'], now: number): void {
    grant.revokedAt = now;
    grant.revokedReason = reason;
  }

  get(grantId: string): Grant | undefined {
    return this.grants.get(grantId);
  }

  listGrants(): Grant[] {
    return [...this.grants.values()];
  }

  listRefreshTokens(): RefreshToken[] {
    return [...this.tokens.values()];
  }
}
