import 'server-only';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';

/*
 * The signature of a delivery to an OAuth 2.0 app: `Authorization: Bearer <JWT>`, HS256 with the app's client
 * secret (docs/decisions/015-jira-webhooks.md). The JWT does not cover the body, so it proves who sent the
 * delivery, and `exp` bounds how long a captured token could be replayed.
 */

const CLOCK_TOLERANCE_SECS = 60;
/** A JWT longer than this is not one Atlassian sent; refused before any parsing. */
const MAX_TOKEN_CHARS = 4096;

export interface AppSecret {
  clientId: string;
  clientSecret: string;
}

/** The bearer token of the Authorization header, or null when absent or not a plausible compact JWS. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header?.trim() ?? '');
  const token = match?.[1];
  if (!token || token.length > MAX_TOKEN_CHARS) return null;
  try {
    // Cheap refusal of other algorithms (none, RS256 with a made-up key, …) before any database work.
    return decodeProtectedHeader(token).alg === 'HS256' ? token : null;
  } catch {
    return null;
  }
}

/**
 * The apps whose client secret verifies the token (HS256 only, `exp` required and checked with 60 s of
 * tolerance). Empty when none does. The `iss` claim is not trusted for anything: Atlassian does not document
 * the claims, and the signature with the app's secret is the proof.
 */
export async function appsVerifying(token: string, apps: readonly AppSecret[]): Promise<string[]> {
  const verified: string[] = [];
  for (const app of apps) {
    try {
      await jwtVerify(token, new TextEncoder().encode(app.clientSecret), {
        algorithms: ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_SECS,
        requiredClaims: ['exp'],
      });
      verified.push(app.clientId);
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw error;
    }
  }
  return verified;
}
