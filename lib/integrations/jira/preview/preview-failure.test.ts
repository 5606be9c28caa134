import { describe, expect, it } from 'vitest';
import { grantPreviewFailure, jiraPreviewFailure } from './preview-failure';

describe('preview failures', () => {
  it.each([
    ['needs_reconnect', 503, /Reconnect Jira/],
    ['app_credentials_rejected', 503, /Reconnecting will not help.*operator/],
    ['not_configured', 503, /operator/],
    ['atlassian_unavailable', 503, /Nothing is broken/],
    ['rate_limited', 429, /Nothing is broken/],
  ] as const)('a grant that is %s answers %i and says what to do', (reason, status, remedy) => {
    expect(grantPreviewFailure(reason)).toEqual({ status, error: reason, message: expect.stringMatching(remedy) });
  });

  it.each([
    ['token_unusable', [], 502, 'token_unusable', /Reconnect Jira, choosing this site/],
    ['forbidden_scope', [], 502, 'forbidden_scope', /read:jira-work/],
    ['rate_limited', [], 429, 'rate_limited', /try the preview again in a minute/],
    ['upstream', [], 502, 'upstream', /Nothing is broken/],
    ['bad_request', [], 502, 'bad_request', /Check the project filter/],
    ['bad_request', ['HELP', 'MKT'], 422, 'projects_not_visible', /cannot see HELP, MKT .*Remove them from the project filter/],
    ['upstream', ['HELP'], 502, 'upstream', /^Jira is unavailable/],
  ] as const)('Jira failing with %s (hidden: %j) answers %i %s', (kind, hidden, status, error, remedy) => {
    expect(jiraPreviewFailure(kind, hidden)).toEqual({ status, error, message: expect.stringMatching(remedy) });
  });
});
