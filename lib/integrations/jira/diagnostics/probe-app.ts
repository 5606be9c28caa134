import 'server-only';
import { getCredentialsProof } from '@/db/queries/jira-credentials-proof';
import { AppSecretUnreadableError, oauthConfigForClient, oauthConfigForOrg } from '../oauth/app-registry';
import { verifyClientCredentials } from '../oauth/verify-credentials';
import type { GrantUnusableReason } from '../token-store';
import { credentialsDecision } from './credentials-policy';
import type { DiagnosticFacts } from './facts';

const PROBE_TIMEOUT_MS = 10_000;
/** The platform app's credentials come from the environment, read when the process starts. */
const PROCESS_STARTED_AT = new Date();

export type ProbeAppOptions = {
  /** The admin pressed "Verify credentials": ask Atlassian whatever the stored proof says. */
  verifyRequested: boolean;
  refreshFailure?: GrantUnusableReason;
};

/**
 * Check 1's facts: the grant's OAuth app (or the one new consents use) and whether Atlassian accepts
 * it. Call after the run's refresh: that refresh is usually the proof (credentials-policy.ts).
 */
export async function probeApp(
  orgId: string,
  grantClientId: string | undefined,
  options: ProbeAppOptions,
): Promise<DiagnosticFacts['app']> {
  try {
    return await probeConfiguredApp(orgId, grantClientId, options);
  } catch (error) {
    if (error instanceof AppSecretUnreadableError) return { state: 'unreadable', source: 'organization' };
    throw error;
  }
}

async function probeConfiguredApp(
  orgId: string,
  grantClientId: string | undefined,
  options: ProbeAppOptions,
): Promise<DiagnosticFacts['app']> {
  const config = grantClientId ? await oauthConfigForClient(orgId, grantClientId) : await oauthConfigForOrg(orgId);
  if (!config) {
    const current = grantClientId ? await oauthConfigForOrg(orgId) : undefined;
    return current ? { state: 'retired', clientId: grantClientId } : { state: 'none' };
  }
  const proof = await getCredentialsProof(orgId, config.clientId);
  const decision = credentialsDecision({
    verifyRequested: options.verifyRequested,
    refreshFailure: options.refreshFailure,
    lastAcceptedAt: proof.lastAcceptedAt,
    verifiedAt: config.source === 'organization' ? proof.verifiedAt : null,
    changedAt: config.source === 'organization' && proof.savedAt ? proof.savedAt : PROCESS_STARTED_AT,
  });
  const app = { state: 'configured' as const, source: config.source, clientId: config.clientId };
  if (!decision.probe) return { ...app, credentials: decision.credentials };

  const credentials = await withTimeout(verifyClientCredentials(config), PROBE_TIMEOUT_MS, {
    result: 'unreachable' as const,
    evidence: `POST ${config.authUrl}/oauth/token did not answer within ${PROBE_TIMEOUT_MS / 1000} s.`,
  }).catch(() => ({ result: 'unexpected' as const, evidence: 'The credential check failed inside Portico.' }));
  return { ...app, credentials: { ...credentials, via: 'probe' } };
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
