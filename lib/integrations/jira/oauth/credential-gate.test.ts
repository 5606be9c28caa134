import { describe, expect, it } from 'vitest';
import { gateNewCredentials } from './credential-gate';

describe('gateNewCredentials', () => {
  it.each([
    ['accepted', true, true, /new connections use them/],
    // Seen: a wrong secret went live and every site turned "Error" an hour later.
    ['rejected', true, false, /rejected .* did not save them\. The credentials saved before stay in use\./],
    ['rejected', false, false, /keep using Portico’s app/],
    ['unreachable', true, false, /could not be reached .* did not save them/],
    ['unexpected', true, false, /unexpected way/],
  ] as const)('%s (app before: %s) → activate %s', (result, hasApp, activate, text) => {
    const gate = gateNewCredentials(result, hasApp);
    expect(gate.activate).toBe(activate);
    expect(gate.activate ? gate.message : gate.error).toMatch(text);
  });
});
