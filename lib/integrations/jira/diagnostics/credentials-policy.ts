// Whether a run sends the credential probe (a made-up code to /oauth/token). Pure, table-tested.
//
// Every token request Portico makes authenticates with the app's client ID and secret: a consent's
// code exchange and every refresh. One that Atlassian accepted after the credentials were last
// changed proves them, so the probe (which fills Atlassian's logs with invalid_grant, and relies on
// Atlassian checking the client before the code, which is not documented) is sent only when no such
// proof exists, or when an admin asks for it ("Verify credentials").
import { timeToken } from '@/lib/format/time-token';
import type { GrantUnusableReason } from '../token-store';
import type { DiagnosticFacts } from './facts';

type Credentials = NonNullable<DiagnosticFacts['app']['credentials']>;

export type CredentialsDecision =
  { probe: true; reason: 'verify_requested' | 'no_proof' } | { probe: false; credentials: Credentials };

export interface CredentialsProofInput {
  verifyRequested: boolean;
  /** Why this run's refresh failed, if it did. */
  refreshFailure?: GrantUnusableReason;
  /** The last token request Atlassian accepted with these credentials (any grant of the organization). */
  lastAcceptedAt: Date | null;
  /** The last accepted "Verify credentials" of the organization's own app. */
  verifiedAt: Date | null;
  /**
   * When the credentials Portico holds were last changed: the organization app's save, or for the
   * platform app (read from the environment at start) the moment this process started.
   */
  changedAt: Date;
}

export function credentialsDecision(input: CredentialsProofInput): CredentialsDecision {
  if (input.verifyRequested) return { probe: true, reason: 'verify_requested' };
  if (input.refreshFailure === 'app_credentials_rejected') {
    return {
      probe: false,
      credentials: {
        result: 'rejected',
        via: 'token_request',
        evidence:
          'This run’s refresh (POST /oauth/token, grant_type refresh_token) was refused: Atlassian does not accept this client ID and secret.',
      },
    };
  }
  const proofs = [input.lastAcceptedAt, input.verifiedAt].filter(
    (date): date is Date => date !== null && date.getTime() >= input.changedAt.getTime(),
  );
  const proof = proofs.sort((a, b) => b.getTime() - a.getTime())[0];
  if (!proof) return { probe: true, reason: 'no_proof' };
  return {
    probe: false,
    credentials: {
      result: 'accepted',
      via: 'token_request',
      evidence: `Atlassian accepted these credentials ${timeToken(proof, 'on')} (${proof === input.lastAcceptedAt ? 'a refresh or a consent’s code exchange' : 'Verify credentials'}), after they were last changed, so no test request was sent. Press “Verify credentials” to ask Atlassian now.`,
    },
  };
}
