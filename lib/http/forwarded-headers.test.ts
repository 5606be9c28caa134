import { describe, expect, it } from 'vitest';
import { forwardedView, isTrustedProxy, parseTrustedProxies } from './forwarded-headers';

const PROXIES = parseTrustedProxies('10.0.0.0/8, 192.168.1.7, fd00::/8');
const SPOOF = {
  host: 'portico.example.com',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  'x-forwarded-for': '6.6.6.6',
  forwarded: 'for=6.6.6.6;host=evil.example',
  'x-real-ip': '6.6.6.6',
};

describe('parseTrustedProxies', () => {
  it.each([
    ['', 0],
    ['10.0.0.0/8', 1],
    [' 10.0.0.1 , ::1, 2001:db8::/32 ', 3],
  ])('reads %j', (list, count) => {
    expect(parseTrustedProxies(list)).toHaveLength(count);
  });

  it.each(['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/8', '300.1.1.1'])('names the bad entry %j', (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(`"${entry}"`);
  });
});

describe('isTrustedProxy', () => {
  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['192.168.1.7', true],
    ['192.168.1.8', false],
    ['fd12::1', true],
    ['127.0.0.1', false],
    [undefined, false],
    ['garbage', false],
  ])('%s → %s', (peer, trusted) => {
    expect(isTrustedProxy(peer, PROXIES)).toBe(trusted);
  });
});

describe('forwardedView', () => {
  it('drops every forwarded header from an untrusted peer and records the peer as the client', () => {
    const view = forwardedView(SPOOF, '203.0.113.9', PROXIES);
    expect(view.headers).toEqual({
      'x-forwarded-host': undefined,
      'x-forwarded-proto': undefined,
      'x-forwarded-port': undefined,
      'x-forwarded-for': '203.0.113.9',
      forwarded: undefined,
      'x-real-ip': undefined,
    });
    expect(view.https).toBe(false);
  });

  it('trusts nothing when no proxy is configured, even from loopback', () => {
    const view = forwardedView(SPOOF, '::ffff:127.0.0.1', parseTrustedProxies(''));
    expect(view.headers['x-forwarded-host']).toBeUndefined();
    expect(view.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it("keeps a trusted proxy's host and proto, and takes the right-most untrusted address as the client", () => {
    const view = forwardedView(
      { 'x-forwarded-host': 'portico.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.0.0.2' },
      '::ffff:10.0.0.1',
      PROXIES,
    );
    expect(view.headers).toMatchObject({ 'x-forwarded-host': 'portico.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' });
    expect(view.https).toBe(true);
  });

  it('ignores a proto other than http or https, and a client address that is not one', () => {
    const view = forwardedView({ 'x-forwarded-proto': 'javascript', 'x-forwarded-for': 'not-an-ip' }, '10.0.0.1', PROXIES);
    expect(view.headers['x-forwarded-proto']).toBeUndefined();
    expect(view.headers['x-forwarded-for']).toBe('10.0.0.1');
    expect(view.https).toBe(false);
  });
});
