import 'server-only';
import { exchangeAuthorizationCode, TokenEndpointError, validateCallbackParameters } from './token-endpoint';
import type { AtlassianOAuthConfig } from './config';

export type CredentialCheck =
  | { result: 'accepted'; evidence: string }
  | { result: 'rejected'; evidence: string }
  | { result: 'unreachable'; evidence: string }
  | { result: 'unexpected'; evidence: string };

// A code Atlassian never issued. Atlassian authenticates the client before it looks at the code
// (401 access_denied for a wrong id or secret, 403 invalid_grant for a good client with a bad
// code), so this tells a wrong secret apart without anyone's consent and cannot create a grant.
const PROBE_CODE = 'portico-credential-probe';

/** Error codes the probe expects; anything else is not echoed (it is Atlassian's text, not Portico's). */
const KNOWN_ERROR_CODES = new Set(['access_denied', 'invalid_client', 'unauthorized_client', 'invalid_grant']);

export function describeErrorCode(code: string | undefined): string {
  if (!code) return '';
  return KNOWN_ERROR_CODES.has(code) ? ` (${code})` : ' (an unexpected error code)';
}

/** Diagnostics check 1 and "Verify credentials": does Atlassian's token endpoint accept this app? */
export async function verifyClientCredentials(config: AtlassianOAuthConfig): Promise<CredentialCheck> {
  try {
    // oauth4webapi only exchanges parameters that went through its callback validation.
    const parameters = validateCallbackParameters(config, new URLSearchParams({ code: PROBE_CODE, state: PROBE_CODE }), PROBE_CODE);
    await exchangeAuthorizationCode(config, parameters, 'portico-credential-probe-verifier-0000000000');
    return { result: 'unexpected', evidence: 'The token endpoint accepted a code Portico never received. Contact support.' };
  } catch (error) {
    if (!(error instanceof TokenEndpointError)) throw error;
    const answer = `POST ${config.authUrl}/oauth/token answered ${error.status ? `HTTP ${error.status}` : 'nothing'}${describeErrorCode(error.oauthError)}.`;
    switch (error.kind) {
      case 'invalid_grant':
        return { result: 'accepted', evidence: `${answer} The client ID and secret were accepted (only the test code was refused).` };
      case 'invalid_client':
        return { result: 'rejected', evidence: `${answer} Atlassian does not accept this client ID and secret.` };
      case 'rate_limited':
      case 'unavailable':
        return { result: 'unreachable', evidence: `${answer} Atlassian could not be asked; nothing was decided.` };
      default:
        return { result: 'unexpected', evidence: answer };
    }
  }
}
