import { beforeEach, describe, expect, it } from 'vitest';
import { connectNewSite, MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';
import { handleCallback } from '../connect/handle-callback';
import { runDiagnostics } from '.';

// Issue 12, item 9: the credential probe (a made-up code sent to /oauth/token) used to run on every
// connect, reconnect and diagnostics run. Every consent and refresh already authenticates with the
// client ID and secret, so the probe is sent only when nothing proves them, or on "Verify credentials".
const harness = setupJiraHarness();

const probes = async () => (await harness.counters()).unknownCodeExchanges;
const appCheck = (run: Awaited<ReturnType<typeof runDiagnostics>>) =>
  run?.checks.find((check) => check.id === 'app_credentials');

describe('the credential probe', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('is not sent across connect, reconnect and every kind of diagnostics run', async () => {
    await harness.resetCounters();
    const { admin, orgId, connectionId } = await connectNewSite(harness, 'No probe');
    const afterConnect = await runDiagnostics(orgId, connectionId, { trigger: 'after_connect' });

    const consent = await harness.startConsent(admin, connectionId);
    const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);
    await expect(handleCallback(admin, callback, consent.browserBinding)).resolves.toMatchObject({ kind: 'done' });
    await runDiagnostics(orgId, connectionId, { trigger: 'after_reconnect' });
    await runDiagnostics(orgId, connectionId, { trigger: 'manual' });
    await runDiagnostics(orgId, connectionId, { trigger: 'scheduled' });
    const api = await runDiagnostics(orgId, connectionId, { trigger: 'api' });

    expect(await probes()).toBe(0);
    expect(appCheck(afterConnect)).toMatchObject({ outcome: 'pass' });
    expect(appCheck(api)?.evidence[0]?.asked).toMatch(/latest token request Portico made/);
    expect(appCheck(api)?.evidence[0]?.answered).toMatch(/no test request was sent/);
  });

  it('is sent when the admin presses Verify credentials', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Verify');
    await harness.resetCounters();

    const verified = await runDiagnostics(orgId, connectionId, { trigger: 'manual', verifyCredentials: true });

    expect(await probes()).toBe(1);
    expect(appCheck(verified)).toMatchObject({ outcome: 'pass' });
    expect(appCheck(verified)?.evidence[0]?.asked).toMatch(/made-up authorization code/);
    expect(appCheck(verified)?.evidence[0]?.answered).toMatch(/invalid_grant.*client ID and secret were accepted/);
  });
});
