import 'server-only';
import { AppSecretUnreadableError, oauthConfigForClient, oauthConfigForOrg } from '../oauth/app-registry';
import { verifyClientCredentials } from '../oauth/verify-credentials';
import type { DiagnosticFacts } from './facts';

const PROBE_TIMEOUT_MS = 10_000;

/** Check 1's facts: the grant's OAuth app (or the one new consents use) and whether Atlassian accepts it. */
export async function probeApp(orgId: string, grantClientId: string | undefined): Promise<DiagnosticFacts['app']> {
  try {
    return await probeConfiguredApp(orgId, grantClientId);
  } catch (error) {
    if (error instanceof AppSecretUnreadableError) return { state: 'unreadable', source: 'organization' };
    throw error;
  }
}

async function probeConfiguredApp(orgId: string, grantClientId: string | undefined): Promise<DiagnosticFacts['app']> {
  const config = grantClientId ? await oauthConfigForClient(orgId, grantClientId) : await oauthConfigForOrg(orgId);
  if (!config) {
    const current = grantClientId ? await oauthConfigForOrg(orgId) : undefined;
    return current ? { state: 'retired', clientId: grantClientId } : { state: 'none' };
  }
  const credentials = await withTimeout(verifyClientCredentials(config), PROBE_TIMEOUT_MS, {
    result: 'unreachable' as const,
    evidence: `POST ${config.authUrl}/oauth/token did not answer within ${PROBE_TIMEOUT_MS / 1000} s.`,
  }).catch(() => ({ result: 'unexpected' as const, evidence: 'The credential check failed inside Portico.' }));
  return { state: 'configured', source: config.source, clientId: config.clientId, credentials };
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
