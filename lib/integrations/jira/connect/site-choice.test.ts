import { describe, expect, it } from 'vitest';
import { connectedCloudIds, describeChoice, needsPickerForNewConnect, preselectedSite } from './site-choice';

const A = { id: 'cloud-a', name: 'Acme' };
const B = { id: 'cloud-b', name: 'Beta' };
const C = { id: 'cloud-c', name: 'Gamma' };

describe('connectedCloudIds', () => {
  it('counts live connections only: a disconnected one or one awaiting authorization is not connected', () => {
    const ids = connectedCloudIds([
      { cloudId: 'cloud-a', status: 'connected' },
      { cloudId: 'cloud-b', status: 'needs_reconnect' },
      { cloudId: 'cloud-c', status: 'disconnected' },
      { cloudId: null, status: 'pending_authorization' },
      { cloudId: 'cloud-d', status: 'error' },
    ]);
    expect([...ids].sort()).toEqual(['cloud-a', 'cloud-b', 'cloud-d']);
  });
});

describe('preselectedSite', () => {
  it.each([
    // Seen: the first site preselected although it was already connected.
    ['the first site is connected: the one just consented to', [A, B], ['cloud-a'], undefined, 'cloud-b'],
    ['none connected: the first', [A, B], [], undefined, 'cloud-a'],
    ['several new ones: the first new one', [A, B, C], ['cloud-a'], undefined, 'cloud-b'],
    ['all connected: none, the admin chooses', [A, B], ['cloud-a', 'cloud-b'], undefined, undefined],
    ['a reconnect: its own site, connected or not', [A, B], ['cloud-a', 'cloud-b'], 'cloud-b', 'cloud-b'],
    ['a reconnect whose site the consent lost: the first new one', [A, B], ['cloud-a'], 'cloud-x', 'cloud-b'],
  ])('%s', (_name, sites, connected, reconnect, expected) => {
    expect(preselectedSite(sites, new Set(connected), reconnect)).toBe(expected);
  });
});

describe('describeChoice', () => {
  it('says a connected site is a reconnect, by name', () => {
    expect(describeChoice(A, new Set(['cloud-a']))).toEqual({ kind: 'reconnect', siteName: 'Acme' });
    expect(describeChoice(B, new Set(['cloud-a']))).toEqual({ kind: 'connect' });
  });
});

describe('needsPickerForNewConnect', () => {
  it.each([
    ['one new site: saved at once', [A], [], false],
    // Seen: "Connect another site" → Connect silently reconnected the existing site.
    ['one site, already connected: the picker asks', [A], ['cloud-a'], true],
    ['several sites: the picker', [A, B], [], true],
  ])('%s', (_name, sites, connected, expected) => {
    expect(needsPickerForNewConnect(sites, new Set(connected))).toBe(expected);
  });
});
