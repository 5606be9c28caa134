// Called by the Connect and Reconnect forms (admins only): starts Atlassian's OAuth 2.0 consent.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getJiraConnection } from '@/db/queries/jira-connections';
import { guardRoute } from '@/lib/auth/route-guard';
import { env } from '@/lib/config/env';
import { defineRoute } from '@/lib/http/route-handler';
import { startAuthorization } from '@/lib/integrations/jira/oauth/authorization-state';
import { consentRedirect } from '@/lib/integrations/jira/oauth/consent-redirect';
import { oauthConfigForNewConsent } from '@/lib/integrations/jira/oauth/app-registry';

const formSchema = z.object({ connectionId: z.uuid().optional() });

function backTo(outcome: string) {
  return NextResponse.redirect(new URL(`/settings/integrations?jira=${outcome}`, env().PORTICO_BASE_URL), 303);
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/integrations/jira/authorize', checkOrigin: true },
  { POST: authorize },
);

async function authorize(request: Request) {
  const { member, denied } = await guardRoute('admin');
  if (denied) return denied;
  const app = await oauthConfigForNewConsent(member.orgId);
  if ('problem' in app) return backTo(app.problem);
  const { config } = app;

  const form = formSchema.safeParse(Object.fromEntries((await request.formData().catch(() => new FormData())).entries()));
  if (!form.success) return backTo('invalid_request');
  const reconnect = form.data.connectionId ? await getJiraConnection(member.orgId, form.data.connectionId) : undefined;
  if (form.data.connectionId && !reconnect) return backTo('invalid_request');

  const started = await startAuthorization(member, { clientId: config.clientId, reconnectConnectionId: reconnect?.id });
  return consentRedirect(config, started);
}
