import { describe, expect, it } from 'vitest';
import { composeMessage, composeResolutionEmail, safeUrl } from './messages';
import { chooseRecipients, decideNotification, FLAP_WINDOW_MS, planThreadStep, shouldEmailResolution, type NotificationDecision } from './rules';

describe('decideNotification', () => {
  it.each([
    ['connection.needs_reconnect', {}, { kind: 'open', topic: 'connection' }],
    ['connection.health_changed', { outcome: 'failure', previous_outcome: 'pass' }, { kind: 'open', topic: 'connection' }],
    ['connection.health_changed', { outcome: 'warning', previous_outcome: 'pass' }, { kind: 'open', topic: 'connection' }],
    ['connection.health_changed', { outcome: 'pass', previous_outcome: 'failure' }, { kind: 'resolve', topic: 'connection' }],
    ['connection.health_changed', { outcome: 'warning', previous_outcome: 'failure' }, null],
    ['connection.health_changed', { outcome: 'pass', previous_outcome: 'pass' }, null],
    ['connection.authorized', { reconnect: true }, { kind: 'resolve', topic: 'connection' }],
    ['connection.authorized', { reconnect: false }, null],
    ['connection.created', {}, null],
    ['connection.deleted', {}, null],
    ['mapping.saved', {}, { kind: 'resolve', topic: 'drift' }],
    ['mapping.drift_detected', {}, { kind: 'open', topic: 'drift' }],
    ['sync.failed', { kind: 'upstream' }, { kind: 'open', topic: 'sync' }],
    // The dead grant is the connection's needs-reconnect message already.
    ['sync.failed', { kind: 'grant_needs_reconnect' }, null],
    ['sync.recovered', {}, { kind: 'resolve', topic: 'sync' }],
    ['sync.backfill_completed', {}, null],
    ['connection.disconnected', { actor_user_id: 'u1' }, { kind: 'info', topic: 'disconnected', exceptUserId: 'u1' }],
    ['webhook_endpoint.disabled', { endpoint_id: 'e1' }, { kind: 'info', topic: 'endpoint:e1' }],
  ])('%s %j', (type, payload, expected) => {
    const decision = decideNotification({ type, payload });
    if (expected === null) expect(decision).toBeNull();
    else expect(decision).toMatchObject(expected);
  });
});

describe('planThreadStep: one message per state change, flaps counted', () => {
  const open: NotificationDecision = { kind: 'open', topic: 'connection', preference: 'connection.needs_reconnect' };
  const resolve: NotificationDecision = { kind: 'resolve', topic: 'connection' };
  const now = new Date('2026-12-02T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    ['first break', open, undefined, { step: 'create', email: true }],
    ['break while open', open, { state: 'open', lastEventAt: ago(1000) }, { step: 'touch', email: false }],
    ['break soon after recovery (flap)', open, { state: 'resolved', lastEventAt: ago(FLAP_WINDOW_MS - 1) }, { step: 'reopen', email: false }],
    ['break long after recovery', open, { state: 'resolved', lastEventAt: ago(FLAP_WINDOW_MS + 1) }, { step: 'create', email: true }],
    ['recovery of an open thread', resolve, { state: 'open', lastEventAt: ago(1000) }, { step: 'resolve', email: false }],
    ['recovery with nothing open', resolve, { state: 'resolved', lastEventAt: ago(1000) }, { step: 'none', email: false }],
    ['recovery with no thread', resolve, undefined, { step: 'none', email: false }],
  ] as const)('%s', (_name, decision, thread, expected) => {
    expect(planThreadStep(decision, thread, now)).toEqual(expected);
  });
});

describe('shouldEmailResolution: one answer per break email', () => {
  it.each([
    ['the break email went out', [{ status: 'local' }], true, true],
    ['the break email is still queued', [{ status: 'queued' }], true, true],
    ['no break email (email was off, or a silent reopen)', [], true, false],
    ['the break email failed: it never reached them', [{ status: 'failed' }], true, false],
    ['already answered (a flap resolved again)', [{ status: 'sent' }, { status: 'sent' }], true, false],
    ['they turned email off since', [{ status: 'sent' }], false, false],
  ] as const)('%s', (_name, emails, wanted, expected) => {
    expect(shouldEmailResolution(emails, wanted)).toBe(expected);
  });
});

describe('chooseRecipients', () => {
  it.each([
    ['the owner while an admin', 'a', ['a', 'b'], ['a']],
    ['every admin once the owner is not one', 'c', ['a', 'b'], ['a', 'b']],
    ['every admin when nobody owns it', null, ['a', 'b'], ['a', 'b']],
  ] as const)('%s', (_name, owner, admins, expected) => {
    expect(chooseRecipients(owner, admins)).toEqual(expected);
  });
});

describe('messages', () => {
  it('a revoked grant names the cause, the fix and the connection page', () => {
    const message = composeMessage('connection.needs_reconnect', { reason: 'grant_refused' }, { connectionId: 'c1', siteName: 'Acme' });
    expect(message.title).toBe('Acme needs to be reconnected');
    expect(message.diagnosis).toContain('Atlassian refused the stored authorization');
    expect(message.remedy).toContain('Reconnect');
    expect(message.link).toBe('/settings/integrations/jira/c1');
  });

  it('health: the failing check and its remedy from the diagnostics', () => {
    const message = composeMessage('connection.health_changed', { outcome: 'failure' }, {
      connectionId: 'c1',
      siteName: 'Acme',
      failingChecks: [{ id: 'scopes', outcome: 'failure', summary: 'manage:jira-webhook is missing.', remedy: 'Reconnect and accept every permission.' }],
    });
    expect(message.diagnosis).toBe('Permissions (scopes): manage:jira-webhook is missing.');
    expect(message.remedy).toBe('Reconnect and accept every permission.');
    expect(message.link).toBe('/settings/integrations/jira/c1/troubleshooting');
  });

  it('a webhook URL is shown without its query or user info (they can hold a token)', () => {
    expect(safeUrl('https://user:pw@hooks.example.com/in?token=s3cret')).toBe('https://hooks.example.com/in');
    const message = composeMessage('webhook_endpoint.disabled', { url: 'https://hooks.example.com/in?token=s3cret' }, { connectionId: null, siteName: null });
    expect(JSON.stringify(message)).not.toContain('s3cret');
  });

  it('drift names the new values and opens the mapping editor on their tab', () => {
    const both = composeMessage(
      'mapping.drift_detected',
      { statuses: [{ id: '10', name: 'In QA' }, { id: '11', name: 'Blocked' }], priorities: [{ id: '5', name: 'Urgent' }] },
      { connectionId: 'c1', siteName: 'Acme' },
    );
    expect(both.title).toBe('Acme has unmapped Jira values');
    expect(both.diagnosis).toBe('Jira has 2 new statuses (“In QA”, “Blocked”) and 1 new priority (“Urgent”) that Portico does not map yet; tickets with them count as Unknown.');
    expect(both.link).toBe('/settings/integrations/jira/c1/configuration?tab=statuses');
    const priorities = composeMessage('mapping.drift_detected', { statuses: [], priorities: [{ id: '5', name: 'Urgent' }] }, { connectionId: 'c1', siteName: 'Acme' });
    expect(priorities.link).toBe('/settings/integrations/jira/c1/configuration?tab=priorities');
    const many = composeMessage('mapping.drift_detected', { statuses: Array.from({ length: 8 }, (_, i) => ({ id: `${i}`, name: `S${i}` })), priorities: [] }, { connectionId: 'c1', siteName: null });
    expect(many.diagnosis).toContain('8 new statuses (“S0”, “S1”, “S2”, “S3”, “S4” and 3 more)');
  });

  it('the resolved email answers the break email by its subject and says what ended it', () => {
    const mail = composeResolutionEmail('connection.authorized', { title: 'Acme needs to be reconnected', link: '/settings/integrations/jira/c1' }, 'https://portico.test');
    expect(mail.subject).toBe('Resolved: Acme needs to be reconnected');
    expect(mail.text).toContain('The connection was reconnected');
    expect(mail.text).toContain('https://portico.test/settings/integrations/jira/c1');
  });
});
