import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import * as oauth from 'oauth4webapi';
import { getDb } from '@/db/client';
import { jiraOauthStates } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { generateOpaqueToken, sha256Hex as sha256 } from '@/lib/crypto/opaque-token';

export const STATE_TTL_MS = 10 * 60 * 1000;
/** HttpOnly cookie binding a started authorization to the browser that started it. */
export const BROWSER_BINDING_COOKIE = 'portico_jira_oauth';

export const verifierAad = (stateHash: string) => `jira_oauth_state:${stateHash}:code_verifier`;

export interface StartedAuthorization {
  state: string;
  browserBinding: string;
  codeChallenge: string;
}

/**
 * Records a new authorization attempt. Only hashes of the state and browser binding are
 * stored, so a database reader cannot complete someone else's consent.
 */
export async function startAuthorization(
  member: CurrentMember,
  options: { clientId: string; reconnectConnectionId?: string },
): Promise<StartedAuthorization> {
  const state = generateOpaqueToken(); // 256 bits
  const browserBinding = generateOpaqueToken();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const stateHash = sha256(state);
  await getDb()
    .insert(jiraOauthStates)
    .values({
      stateHash,
      organizationId: member.orgId,
      userId: member.userId,
      sessionId: member.sessionId,
      browserBindingHash: sha256(browserBinding),
      codeVerifierCiphertext: encryptSecret(appKeyring(), codeVerifier, verifierAad(stateHash)),
      reconnectConnectionId: options.reconnectConnectionId ?? null,
      clientId: options.clientId,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
    });
  return { state, browserBinding, codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier) };
}

export interface ConsumedAuthorization {
  stateHash: string;
  codeVerifier: string;
  reconnectConnectionId: string | null;
  /** Null for consents started before apps were recorded: the platform app. */
  clientId: string | null;
}

/**
 * Marks the state used, in one statement, only if it exists, is unexpired, unused, and belongs
 * to this user, session, organization and browser: of any number of concurrent uses exactly one
 * wins, and a mismatched attempt cannot burn the legitimate user's state.
 */
export async function consumeAuthorization(
  member: CurrentMember,
  state: string,
  browserBinding: string | undefined,
): Promise<ConsumedAuthorization | undefined> {
  if (!browserBinding) return undefined;
  const [row] = await getDb()
    .update(jiraOauthStates)
    .set({ consumedAt: sql`now()` })
    .where(
      and(
        eq(jiraOauthStates.stateHash, sha256(state)),
        eq(jiraOauthStates.browserBindingHash, sha256(browserBinding)),
        eq(jiraOauthStates.organizationId, member.orgId),
        eq(jiraOauthStates.userId, member.userId),
        eq(jiraOauthStates.sessionId, member.sessionId),
        isNull(jiraOauthStates.consumedAt),
        gt(jiraOauthStates.expiresAt, sql`now()`),
      ),
    )
    .returning({
      stateHash: jiraOauthStates.stateHash,
      codeVerifierCiphertext: jiraOauthStates.codeVerifierCiphertext,
      reconnectConnectionId: jiraOauthStates.reconnectConnectionId,
      clientId: jiraOauthStates.clientId,
    });
  if (!row) return undefined;
  return {
    stateHash: row.stateHash,
    codeVerifier: decryptSecret(appKeyring(), row.codeVerifierCiphertext, verifierAad(row.stateHash)),
    reconnectConnectionId: row.reconnectConnectionId,
    clientId: row.clientId,
  };
}

/** Records how a consumed authorization ended (for troubleshooting "started but never came back"). */
export async function recordAuthorizationOutcome(stateHash: string, outcome: string): Promise<void> {
  await getDb()
    .update(jiraOauthStates)
    .set({ completedAt: sql`now()`, outcome })
    .where(eq(jiraOauthStates.stateHash, stateHash));
}
