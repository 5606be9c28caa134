import { describe, expect, it } from 'vitest';
import { baseUrlReach } from './base-url-reach';
import { webhookJqlFor } from './webhook-jql';

const ATLASSIAN = 'https://api.atlassian.com';

describe('baseUrlReach', () => {
  it.each([
    ['https://portico.acme.com', ATLASSIAN, { reachable: true }],
    ['http://localhost:3000', ATLASSIAN, { reachable: false, reason: 'loopback' }],
    ['http://127.0.0.1:3000', ATLASSIAN, { reachable: false, reason: 'loopback' }],
    ['https://[::1]:3000', ATLASSIAN, { reachable: false, reason: 'loopback' }],
    ['https://10.1.2.3', ATLASSIAN, { reachable: false, reason: 'private_address' }],
    ['https://192.168.0.10', ATLASSIAN, { reachable: false, reason: 'private_address' }],
    ['https://169.254.1.1', ATLASSIAN, { reachable: false, reason: 'private_address' }],
    ['https://[fd00::1]', ATLASSIAN, { reachable: false, reason: 'private_address' }],
    ['https://portico', ATLASSIAN, { reachable: false, reason: 'local_name' }],
    ['https://portico.internal', ATLASSIAN, { reachable: false, reason: 'local_name' }],
    ['http://portico.acme.com', ATLASSIAN, { reachable: false, reason: 'not_https' }],
    ['https://8.8.8.8', ATLASSIAN, { reachable: true }],
    // A local Atlassian (the sandbox) runs beside Portico and reaches it anywhere.
    ['http://localhost:3000', 'http://127.0.0.1:4010', { reachable: true }],
    ['http://portico.test', 'http://127.0.0.1:4010', { reachable: true }],
  ])('%s with Atlassian at %s', (base, api, expected) => {
    expect(baseUrlReach(base, api)).toEqual(expected);
  });
});

describe('webhookJqlFor', () => {
  it('names the filter projects in a stable order, or matches every issue in the webhook JQL subset', () => {
    expect(webhookJqlFor(['MOB', 'PLAT'])).toBe(webhookJqlFor(['PLAT', 'MOB']));
    expect(webhookJqlFor(['PLAT'])).toBe('project in ("PLAT")');
    expect(webhookJqlFor([])).toBe('project != null');
  });
});
