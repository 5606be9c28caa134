import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { AVATAR_IMG_SOURCES, avatarInitials, checkAvatarUrl } from './avatar-hosts';

// Real URLs from sandbox/reference/recorded/ (project avatarUrls, site avatarUrl, a user's Gravatar).
const ALLOWED = [
  'https://api.atlassian.com/ex/jira/07779958-e747-4285-ad18-0f5252a97bff/rest/api/3/universal_avatar/view/type/project/avatar/10416?size=medium',
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
