// Helpers for sandbox tests: start on a random port, walk the consent flow like a browser would.
import { createHash, randomBytes } from 'node:crypto';
import { defaultApp } from './oauth/apps';
import { MAIN_CLOUD_ID } from './world/default-sites';

export const APP = defaultApp({});
export const PORTICO_SCOPES = ['read:jira-work', 'read:jira-user', 'manage:jira-configuration', 'manage:jira-webhook', 'read:me', 'offline_access'];

export interface ConnectOptions {
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  scopes?: string[];
  cloudId?: string;
  pkce?: boolean;
}

export async function authorizeUrl(base: string, o: ConnectOptions & { state?: string; challenge?: string } = {}): Promise<Response> {
  const q = new URLSearchParams({
    audience: 'api.atlassian.com',
    client_id: o.clientId ?? APP.clientId,
    scope: (o.scopes ?? PORTICO_SCOPES).join(' '),
    redirect_uri: o.redirectUri ?? APP.callbackUrl,
    state: o.state ?? 'state-123',
    response_type: 'code',
    prompt: 'consent',
  });
  if (o.challenge) {
    q.set('code_challenge', o.challenge);
    q.set('code_challenge_method', 'S256');
  }
  return fetch(`${base}/authorize?${q.toString()}`, { redirect: 'manual' });
}

/** Consent page → Accept → callback URL with code. Returns the code and PKCE verifier if used. */
export async function getCode(base: string, o: ConnectOptions = {}): Promise<{ code: string; verifier?: string; location: URL }> {
  const verifier = o.pkce ? randomBytes(32).toString('base64url') : undefined;
  const challenge = verifier ? createHash('sha256').update(verifier).digest('base64url') : undefined;
  const page = await authorizeUrl(base, { ...o, challenge });
  const html = await page.text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!request) throw new Error(`no consent form (status ${page.status})`);
  const res = await fetch(`${base}/authorize/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, cloudId: o.cloudId ?? MAIN_CLOUD_ID, decision: 'accept' }),
    redirect: 'manual',
  });
  const location = new URL(res.headers.get('location') ?? '');
  return { code: location.searchParams.get('code') ?? '', verifier, location };
}

export async function tokenRequest(base: string, body: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
}

export async function connect(base: string, o: ConnectOptions = {}): Promise<Tokens> {
  const { code, verifier } = await getCode(base, o);
  const { status, json } = await tokenRequest(base, {
    grant_type: 'authorization_code',
    client_id: o.clientId ?? APP.clientId,
    client_secret: o.clientSecret ?? APP.clientSecret,
    code,
    redirect_uri: o.redirectUri ?? APP.callbackUrl,
    ...(verifier ? { code_verifier: verifier } : {}),
  });
  if (status !== 200) throw new Error(`token exchange failed: ${status} ${JSON.stringify(json)}`);
  return json as unknown as Tokens;
}

export function refresh(base: string, refreshToken: string, secret = APP.clientSecret) {
  return tokenRequest(base, { grant_type: 'refresh_token', client_id: APP.clientId, client_secret: secret, refresh_token: refreshToken });
}

/** Calls the control API: GET without a body, POST with one, or any method through `init`. */
export async function control(base: string, path: string, body?: unknown, init: { method?: string; body?: unknown; query?: string } = {}): Promise<unknown> {
  const payload = init.body ?? body;
  const method = init.method ?? (payload === undefined ? 'GET' : 'POST');
  const url = `${base}/__sandbox/${path}${init.query ? `?${init.query}` : ''}`;
  const res = await fetch(url, payload === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  if (!res.ok) throw new Error(`control ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function jira(base: string, token: string, path: string, init: { method?: string; body?: unknown; cloudId?: string } = {}) {
  const res = await fetch(`${base}/ex/jira/${init.cloudId ?? MAIN_CLOUD_ID}/rest/api/3/${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  // Callers assert on arbitrary JSON shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
