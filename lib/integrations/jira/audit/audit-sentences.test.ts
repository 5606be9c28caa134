import { describe, expect, it } from 'vitest';
import { actionsMatching, describeAuditEvent } from './audit-sentences';

describe('describeAuditEvent', () => {
  it.each([
    ['config_saved', { version: 4, summary: '1 status mapping' }, 'Ada Admin', 'Ada Admin saved the configuration (version 4): 1 status mapping.'],
    ['config_rolled_back', { version: 5, rolledBackTo: 3, summary: 'x' }, 'Ada Admin', 'Ada Admin rolled the configuration back to version 3, saved as version 5.'],
    ['connect', { site: 'acme', authorizedBy: 'Ada Lovelace' }, 'Ada Admin', 'Ada Admin connected acme, authorized by Ada Lovelace.'],
    ['disconnect', { site: 'acme', configurationDeleted: true }, 'Ada Admin', 'Ada Admin disconnected acme and deleted its project filter and mappings.'],
    ['disconnect', { site: 'acme', configurationDeleted: false }, 'Ada Admin', 'Ada Admin disconnected acme and kept its project filter and mappings.'],
    ['refresh_interval_changed', { refreshIntervalSecs: 21600, via: 'api' }, null, 'An API key set the sync to run every 6 hours.'],
    ['refresh_interval_changed', { refreshIntervalSecs: 900 }, 'Ada Admin', 'Ada Admin set the sync to run every 15 minutes.'],
    ['sync_paused', { via: 'console' }, 'Ada Admin', 'Ada Admin paused the sync.'],
    ['sync_requested', { via: 'api' }, 'Ada Admin', 'Ada Admin started a sync through the API.'],
    ['created_by_api', { apiKeyId: 'k' }, null, 'An API key created this connection through the API.'],
    ['site_changed', { from: 'old', to: 'new' }, null, 'The site changed from old to new.'],
    ['something_new', {}, null, 'Portico: something new.'],
  ])('%s %j by %s', (action, detail, actorName, expected) => {
    expect(describeAuditEvent({ action, detail, actorName })).toBe(expected);
  });

  it('explains a refresh failure in words, never as the bare code', () => {
    const sentence = describeAuditEvent({ action: 'refresh_failed', detail: { reason: 'grant_refused' }, actorName: null });
    expect(sentence).toMatch(/^Portico could not refresh the access token\. Atlassian refused the stored authorization/);
    expect(sentence).not.toContain('grant_refused');
  });
});

describe('actionsMatching', () => {
  it.each([
    ['rolled back', ['config_rolled_back']],
    ['SYNC', ['sync_requested', 'sync_paused', 'sync_resumed', 'refresh_interval_changed']],
    ['config', ['config_saved', 'config_rolled_back']],
    ['  ', []],
    ['nothing like it', []],
  ])('%s', (query, expected) => {
    expect(actionsMatching(query)).toEqual(expected);
  });
});
