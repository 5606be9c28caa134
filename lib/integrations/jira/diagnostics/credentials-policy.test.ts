import { describe, expect, it } from 'vitest';
import { renderTimeTokensUtc } from '@/lib/format/time-token';
import { credentialsDecision, type CredentialsProofInput } from './credentials-policy';

const at = (iso: string) => new Date(`2026-11-23T${iso}:00Z`);
const base: CredentialsProofInput = {
  verifyRequested: false,
  lastAcceptedAt: at('11:00'),
  verifiedAt: null,
  changedAt: at('09:00'),
};

describe('credentialsDecision: probe only when no token request proves the credentials', () => {
  it.each([
    ['a refresh after the last change proves them', {}, false],
    ['the admin pressed Verify credentials', { verifyRequested: true }, true],
    ['no token request was ever accepted', { lastAcceptedAt: null }, true],
    ['the credentials changed after the last accepted request', { changedAt: at('11:30') }, true],
    ['a Verify credentials after the change proves them', { lastAcceptedAt: null, verifiedAt: at('10:00') }, false],
    ['a verification before the change does not', { lastAcceptedAt: null, verifiedAt: at('08:00') }, true],
    [
      'this run’s refresh was refused as invalid client',
      { refreshFailure: 'app_credentials_rejected' as const },
      false,
    ],
  ] as const)('%s -> probe %s', (_name, overrides, probe) => {
    expect(credentialsDecision({ ...base, ...overrides }).probe).toBe(probe);
  });

  it('explains the proof it used, and says how to ask Atlassian now', () => {
    const decision = credentialsDecision(base);
    expect(decision).toMatchObject({ probe: false, credentials: { result: 'accepted', via: 'token_request' } });
    if (decision.probe) throw new Error('expected no probe');
    // As the REST API and emails read it; the page shows the time in the reader's zone.
    expect(renderTimeTokensUtc(decision.credentials.evidence)).toMatch(
      /accepted these credentials on Nov 23, 2026, .* UTC \(a refresh or a consent.*Verify credentials/,
    );
  });

  it('a refused refresh is the rejection, without a probe', () => {
    expect(credentialsDecision({ ...base, refreshFailure: 'app_credentials_rejected' })).toMatchObject({
      probe: false,
      credentials: { result: 'rejected', via: 'token_request' },
    });
  });
});
