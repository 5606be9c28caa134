import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { AVATAR_IMG_SOURCES, avatarInitials, checkAvatarUrl, planAvatarFetch } from './avatar-hosts';

// Real URLs from sandbox/reference/recorded/ (project avatarUrls, site avatarUrl, a user's Gravatar).
const GATEWAY_AVATAR =
  'https://api.atlassian.com/ex/jira/07779958-e747-4285-ad18-0f5252a97bff/rest/api/3/universal_avatar/view/type/project/avatar/10416?size=medium';
const ALLOWED = [
  'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/koala.png',
  'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/ND-4.png',
  'https://secure.gravatar.com/avatar/0f8c53293177b8e9f1658ae7951a468e?d=mm',
  'https://acme.atlassian.net/rest/api/3/universal_avatar/view/type/project/avatar/10400',
  'https://acme.atlassian.net/secure/projectavatar?pid=10000&avatarId=10400',
];

describe('checkAvatarUrl', () => {
  it.each(ALLOWED)('allows %s', (url) => {
    expect(checkAvatarUrl(url)).toEqual({ allowed: true, url });
  });

  it.each([
    // Needs a Bearer token: Portico's avatar route fetches it, never the browser.
    { url: GATEWAY_AVATAR, reason: 'needs_token' },
    { url: 'https://evil.example/pixel.png', reason: 'host_not_allowed' },
    { url: 'https://atlassian.net.evil.example/rest/api/3/universal_avatar/x', reason: 'host_not_allowed' },
    { url: 'https://evil.prod.public.atl-paas.net.example/a.png', reason: 'host_not_allowed' },
    { url: 'https://tracker.prod.public.atl-paas.net/a.png', reason: 'host_not_allowed' },
    { url: 'https://acme.atlassian.net/wiki/download/attachments/1/x.png', reason: 'host_not_allowed' },
    { url: 'https://api.atlassian.com/oauth/token', reason: 'host_not_allowed' },
    { url: 'https://secure.gravatar.com/anything-else', reason: 'host_not_allowed' },
    { url: 'http://secure.gravatar.com/avatar/abc', reason: 'not_https' },
    { url: 'javascript:alert(1)', reason: 'not_https' },
    { url: 'https://user:pw@secure.gravatar.com/avatar/abc', reason: 'credentials_or_port' },
    { url: 'https://secure.gravatar.com:8443/avatar/abc', reason: 'credentials_or_port' },
    { url: '//secure.gravatar.com/avatar/abc', reason: 'unparsable' },
    { url: '', reason: 'missing' },
  ])('refuses $url ($reason)', ({ url, reason }) => {
    expect(checkAvatarUrl(url)).toEqual({ allowed: false, reason });
  });
});

describe('planAvatarFetch: the connection’s token goes only to its own site’s gateway avatars', () => {
  const gateway = { apiBaseUrl: 'https://api.atlassian.com', cloudId: '07779958-e747-4285-ad18-0f5252a97bff' };
  it('fetches the connection’s own gateway avatar with its token, as PNG', () => {
    expect(planAvatarFetch(GATEWAY_AVATAR, gateway)).toEqual({ fetch: 'with_token', url: `${GATEWAY_AVATAR}&format=png` });
  });

  it('works against the sandbox gateway Portico is configured with', () => {
    const sandbox = { apiBaseUrl: 'http://127.0.0.1:4240', cloudId: gateway.cloudId };
    const url = `http://127.0.0.1:4240/ex/jira/${gateway.cloudId}/rest/api/3/universal_avatar/view/type/project/avatar/10400`;
    expect(planAvatarFetch(url, sandbox)).toMatchObject({ fetch: 'with_token' });
  });

  it.each([
    ['another site’s avatar', GATEWAY_AVATAR.replace('07779958', '17779958'), 'other_site'],
    ['another gateway path', `https://api.atlassian.com/ex/jira/${gateway.cloudId}/rest/api/3/myself`, 'host_not_allowed'],
    ['an avatar upload path', `https://api.atlassian.com/ex/jira/${gateway.cloudId}/rest/api/3/universal_avatar/type/project/owner/1`, 'other_site'],
    ['a non-Atlassian host', 'https://evil.example/pixel.png', 'host_not_allowed'],
    ['a look-alike host', 'https://api.atlassian.com.evil.example/ex/jira/x/rest/api/3/universal_avatar/view/type/project/avatar/1', 'host_not_allowed'],
    ['plain http', 'http://secure.gravatar.com/avatar/abc', 'not_https'],
  ] as const)('refuses %s', (_name, url, reason) => {
    expect(planAvatarFetch(url, gateway)).toEqual({ fetch: false, reason });
  });

  it('fetches public Atlassian avatar hosts without a token', () => {
    const cdn = 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/koala.png';
    expect(planAvatarFetch(cdn, gateway)).toEqual({ fetch: 'without_token', url: cdn });
  });
});

describe('the Content-Security-Policy agrees with the avatar list', () => {
  const csp = () => {
    const request = new NextRequest('http://portico.test/settings', { headers: { cookie: 'authjs.session-token=x' } });
    return proxy(request).headers.get('content-security-policy') ?? '';
  };
  const imgSources = () => (/img-src ([^;]+)/.exec(csp())?.[1] ?? '').split(' ');

  it('lists only our own origin, inline data and the Atlassian avatar hosts for images (no bare https:)', () => {
    expect(imgSources()).toEqual(["'self'", 'data:', 'blob:', ...AVATAR_IMG_SOURCES]);
  });

  it.each(ALLOWED)('lets the browser load every allowed avatar: %s', (url) => {
    const { hostname } = new URL(url);
    const covered = AVATAR_IMG_SOURCES.some((source) => {
      const host = source.replace('https://', '');
      return host.startsWith('*.') ? hostname.endsWith(host.slice(1)) : hostname === host;
    });
    expect(covered).toBe(true);
  });
});

describe('avatarInitials', () => {
  it.each([
    ['Acme Platform', 'AP'],
    ['ops', 'OP'],
    ['acme-enterprise-sandbox', 'AE'],
    ['  ', '?'],
  ])('%s → %s', (name, initials) => {
    expect(avatarInitials(name)).toBe(initials);
  });
});
