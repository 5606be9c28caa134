import { describe, expect, it } from 'vitest';
import { setupSandbox } from '../setup-sandbox.testing';
import { APP, authorizeUrl, control, getCode } from '../test-support';
import { LABS_CLOUD_ID, MAIN_CLOUD_ID } from '../world/default-sites';

const sandbox = setupSandbox();

describe('GET /authorize', () => {
  it('shows an accessible consent page with a site picker', async () => {
    const res = await authorizeUrl(sandbox.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('Portico (sandbox)');
    expect(html).toContain('<label for="site">Use app on</label>');
    expect(html).toContain('<select id="site" name="cloudId" required>');
    expect(html).toContain('acme-sandbox.atlassian.net');
    expect(html).toContain('acme-labs-sandbox.atlassian.net');
    expect(html).toMatch(/<button[^>]*>Accept<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(html).toContain('View Jira issue data');
    expect(html).not.toMatch(/<(link|script|img)\b/);
  });

  it('never redirects on a callback URL mismatch', async () => {
    const res = await authorizeUrl(sandbox.url, { redirectUri: 'https://evil.example/cb' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('unauthorized_client');
    expect(html).toContain('Callback URL mismatch');
  });

  it('names scopes the app is not configured with', async () => {
    const res = await authorizeUrl(sandbox.url, { scopes: ['read:jira-work', 'write:jira-work', 'manage:jira-project'] });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('write:jira-work, manage:jira-project');
  });

  it('redirects Accept with code and state, on the chosen site', async () => {
    const { code, location } = await getCode(sandbox.url, { cloudId: LABS_CLOUD_ID });
    expect(code).toBeTruthy();
    expect(location.origin + location.pathname).toBe(APP.callbackUrl);
    expect(location.searchParams.get('state')).toBe('state-123');
    const state = (await control(sandbox.url, 'state')) as { consents: Array<{ cloudId: string }> };
    expect(state.consents.map((c) => c.cloudId)).toEqual([LABS_CLOUD_ID]);
  });

  it('redirects Cancel with access_denied and state', async () => {
    const html = await (await authorizeUrl(sandbox.url, { state: 's-9' })).text();
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const res = await fetch(`${sandbox.url}/authorize/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, decision: 'cancel' }),
      redirect: 'manual',
    });
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('s-9');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('preselects the only site in single-site', async () => {
    await control(sandbox.url, 'scenario', { name: 'single-site' });
    const html = await (await authorizeUrl(sandbox.url)).text();
    expect(html).not.toContain('Choose a site');
    expect(html).toContain(MAIN_CLOUD_ID);
    expect(html).not.toContain(LABS_CLOUD_ID);
  });

  it('refuses unconfigured scopes in missing-scopes (the console lacks them)', async () => {
    await control(sandbox.url, 'scenario', { name: 'missing-scopes' });
    const html = await (await authorizeUrl(sandbox.url)).text();
    expect(html).toContain('read:jira-user, manage:jira-configuration');
    expect(html).not.toContain('read:jira-work,');
  });
});
