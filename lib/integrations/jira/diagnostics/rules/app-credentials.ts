// Check 1: does Atlassian's token endpoint accept the OAuth app's client ID and secret? Tells a
// wrong secret apart without anyone's consent, so an admin is never sent through consent for it.
import type { DiagnosticFacts } from '../facts';
import type { CheckResult } from '../types';
import { TITLES } from './shared';
import { DEVELOPER_CONSOLE_URL } from '../../oauth/setup-checklist';

const id = 'app_credentials';
const title = TITLES[id];

export function checkAppCredentials(facts: DiagnosticFacts): CheckResult {
  const { app } = facts;
  if (app.state === 'none') {
    return {
      id,
      title,
      outcome: 'failure',
      summary: 'No Atlassian OAuth app is configured, so Portico cannot talk to Atlassian at all.',
      evidence: [],
      remedy:
        'Register your organization’s own Atlassian OAuth app in Portico’s Jira settings, or ask the Portico operator to set ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET.',
      action: 'fix_app_settings',
    };
  }
  if (app.state === 'retired') {
    return {
      id,
      title,
      outcome: 'failure',
      summary: `This connection was authorized through an OAuth app (client ID ${app.clientId ?? 'unknown'}) that Portico no longer uses, so its authorization cannot be refreshed.`,
      evidence: [],
      remedy:
        'Reconnect: the new consent moves the connection to the app Portico uses now. The project filter and mappings are kept.',
      action: 'reconnect',
    };
  }
  if (app.state === 'unreadable') {
    return {
      id,
      title,
      outcome: 'failure',
      summary:
        'Portico can no longer read your organization’s OAuth app client secret: the key that encrypted it was removed from Portico’s configuration, so no authorization can be refreshed.',
      evidence: [],
      remedy:
        `Re-enter the app’s client secret in Portico’s Jira app settings (copy it from ${DEVELOPER_CONSOLE_URL} › your app › Settings). Do not reconnect: a new consent cannot fix the app’s credentials.`,
      action: 'fix_app_settings',
    };
  }
  const client = `client ID ${app.clientId ?? 'unknown'}`;
  const which = `the ${app.source === 'organization' ? 'organization’s own' : 'platform'} app (${client})`;
  const evidence = [
    {
      asked:
        app.credentials?.via === 'token_request'
          ? `The latest token request Portico made with the client ID and secret of ${which}`
          : `POST /oauth/token with a made-up authorization code, authenticated as ${which}; no user’s consent needed`,
      answered: app.credentials?.evidence ?? 'Not asked.',
    },
  ];
  switch (app.credentials?.result) {
    case 'accepted':
      return {
        id,
        title,
        outcome: 'pass',
        summary: `Atlassian accepts the OAuth app’s client ID and secret (${client}).`,
        evidence,
        remedy: null,
        action: null,
      };
    case 'rejected':
      return {
        id,
        title,
        outcome: 'failure',
        summary: `Atlassian rejects the client ID or secret Portico holds for its OAuth app (${client}), so no authorization can be refreshed.`,
        evidence,
        // Only the organization's own app is the admin's to fix; the platform app is the operator's.
        remedy:
          app.source === 'organization'
            ? `In the Atlassian developer console (${DEVELOPER_CONSOLE_URL} › your app › Settings), copy the app’s current Secret and save it in Portico’s Jira app settings. Do not reconnect: a new consent cannot fix the app’s credentials.`
            : 'This is Portico’s platform app, which nobody in your organization can change: the Portico operator must set ATLASSIAN_CLIENT_SECRET to the app’s current Secret (developer console › your app › Settings). Do not reconnect: a new consent cannot fix the app’s credentials. Run diagnostics again once the operator has fixed it.',
        action: app.source === 'organization' ? 'fix_app_settings' : null,
      };
    case 'unreachable':
      return {
        id,
        title,
        outcome: 'warning',
        summary:
          'Atlassian’s token endpoint could not be reached, so the app’s credentials were not checked. Nothing is broken; Portico retries.',
        evidence,
        remedy: 'Run diagnostics again in a few minutes.',
        action: 'rerun',
      };
    default:
      return {
        id,
        title,
        outcome: 'warning',
        summary: 'Atlassian’s token endpoint answered the credential check in an unexpected way.',
        evidence,
        remedy: 'Run diagnostics again; if this persists, contact Portico support with the evidence below.',
        action: 'rerun',
      };
  }
}
