// For the benchmarks: a new organization connects a sandbox site through the real consent page and
// callback, as an admin would. Imports are dynamic: the caller sets DATABASE_URL and the Atlassian
// variables before anything reads the environment.
import { randomUUID } from 'node:crypto';

export async function connectThroughConsent(name: string, cloudId: string, callbackUrl: string) {
  const { getDb } = await import('@/db/client');
  const { createOrganization } = await import('@/tests/fixtures/organizations');
  const { startAuthorization } = await import('@/lib/integrations/jira/oauth/authorization-state');
  const { buildAuthorizeUrl } = await import('@/lib/integrations/jira/oauth/authorize-url');
  const { atlassianOAuthConfig } = await import('@/lib/integrations/jira/oauth/config');
  const { handleCallback } = await import('@/lib/integrations/jira/connect/handle-callback');
  const org = await createOrganization(getDb(), name, ['admin']);
  const member = { userId: org.admin.userId, email: org.admin.email, name: `${name} admin`, orgId: org.orgId, orgName: name, role: 'admin' as const, sessionId: randomUUID() };
  const config = atlassianOAuthConfig()!;
  const started = await startAuthorization(member, { clientId: config.clientId });
  const authorizeUrl = buildAuthorizeUrl(config, started.state, started.codeChallenge);
  const html = await (await fetch(authorizeUrl)).text();
  const [, action = '', inner = ''] = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html) ?? [];
  const fields = new URLSearchParams();
  for (const [, field, value] of inner.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.append(field!, value!);
  const select = /<select id="[^"]*" name="([^"]+)"/.exec(inner);
  if (select) fields.append(select[1]!, cloudId);
  const accept = /<button type="submit" name="([^"]+)" value="([^"]+)"[^>]*>Accept<\/button>/.exec(inner);
  if (!accept) throw new Error('no consent form at the sandbox');
  fields.append(accept[1]!, accept[2]!);
  const decided = await fetch(new URL(action, authorizeUrl), { method: 'POST', body: fields, redirect: 'manual' });
  const callback = new URL(decided.headers.get('location') ?? '');
  if (`${callback.origin}${callback.pathname}` !== callbackUrl) throw new Error('consent did not return to the callback');
  const result = await handleCallback(member, callback.searchParams, started.browserBinding);
  if (result.kind !== 'done' || !result.connectionId) throw new Error(`connect failed: ${JSON.stringify(result)}`);
  return { orgId: org.orgId, connectionId: result.connectionId, admin: member };
}
