import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dumpDatabase } from './db';
import { E2E, SANDBOX_APP } from './env';
import { expect, test } from './fixtures';
import { leakForms, readCapture, saveSandboxTokens, type CapturedResponse } from './leak-capture';
import { SandboxControl } from './sandbox';

/**
 * Runs last (file order, one worker). Over the whole run, no secret may appear where it does not belong:
 * the access and refresh tokens the sandbox issued, Portico's default client secret, the BYO client
 * secrets a test typed in, the API keys Settings created, AUTH_SECRET, the encryption keys and the session
 * cookies. The places: the database, the server log, any response Portico sent (HTML, RSC payloads, JSON,
 * headers) and browser storage. Two secrets have one legitimate place each: an API key in the response of
 * the action that created it (shown once), a session cookie in Set-Cookie and the browser's cookie jar.
 * Findings name the secret by a short hash, never by value.
 */
type Place =
  | { kind: 'database' | 'log' | 'storage' | 'cookie jar' | 'self-test' }
  | { kind: 'header'; name: string; response: CapturedResponse }
  | { kind: 'body'; response: CapturedResponse };

interface Needle {
  kind: string;
  id: string;
  forms: string[];
  /** Where this secret legitimately lives; everywhere else is a leak. */
  allowed?: (place: Place) => boolean;
}

const label = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 10);
const needle = (kind: string, secret: string, extra: string[] = [], allowed?: Needle['allowed']): Needle => ({
  kind,
  id: label(secret),
  forms: [...leakForms(secret), ...extra.flatMap(leakForms)],
  allowed,
});
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** The session secret and encryption keys the launcher generated for this run (scripts/local-secrets.ts). */
function serverSecrets(): Needle[] {
  const file = path.join(E2E.dataDir, 'secrets.json');
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as { AUTH_SECRET: string; PORTICO_ENCRYPTION_KEY: string };
  const keys = secrets.PORTICO_ENCRYPTION_KEY.split(',').map((entry) => entry.trim().split(':').pop()!);
  return [
    needle('AUTH_SECRET', secrets.AUTH_SECRET),
    // A key leaks as its base64 text, or as its raw bytes written in another encoding.
    ...keys.map((key) => {
      const raw = Buffer.from(key, 'base64');
      return needle('encryption key', key, [raw.toString('hex'), raw.toString('base64url')]);
    }),
  ];
}

function sessionCookies(storage: { text: string }[]): string[] {
  const values = storage.flatMap((file) => {
    const { state } = JSON.parse(file.text) as { state: { cookies: { name: string; value: string }[] } };
    return state.cookies.filter((cookie) => SESSION_COOKIE.test(cookie.name)).map((cookie) => cookie.value);
  });
  return [...new Set(values)];
}

/** Browser storage without its cookie jar, where session cookies are expected. */
function withoutCookies(text: string): string {
  const file = JSON.parse(text) as { state: { cookies: unknown[] } };
  return JSON.stringify({ ...file, state: { ...file.state, cookies: [] } });
}

const isCreateKeyAction = (response: CapturedResponse) => response.method === 'POST' && new URL(response.url).pathname === '/settings/api-keys';

function scan(haystack: string, where: string, place: Place, all: Needle[], findings: string[]) {
  for (const candidate of all) {
    if (candidate.allowed?.(place)) continue;
    if (candidate.forms.some((form) => haystack.includes(form))) findings.push(`${candidate.kind} ${candidate.id} in ${where}`);
  }
}

test('no token, client secret, API key, AUTH_SECRET, encryption key or session cookie appears where it does not belong', async ({ database }) => {
  test.setTimeout(180_000);
  const sandbox = new SandboxControl(E2E.sandboxUrl);
  await saveSandboxTokens(await sandbox.tokens());
  const capture = await readCapture();
  if (capture.responses.length === 0) test.skip(true, 'Nothing captured: run the whole suite, this spec checks what the others did.');

  const accessTokens = new Set(capture.tokens.flatMap((snapshot) => snapshot.accessTokens));
  const refreshTokens = new Set(capture.tokens.flatMap((snapshot) => snapshot.refreshTokens));
  const registered = (kind: string) => [...new Set(capture.secrets.filter((secret) => secret.kind === kind).map((secret) => secret.value))];
  const cookies = sessionCookies(capture.storage);
  const all: Needle[] = [
    needle('client secret', SANDBOX_APP.clientSecret),
    // A JWT's signature alone identifies it; look for it too, in case a token is logged in parts.
    ...[...accessTokens].map((token) => needle('access token', token, [token.split('.')[2] ?? ''])),
    ...[...refreshTokens].map((token) => needle('refresh token', token)),
    ...registered('BYO client secret').map((secret) => needle('BYO client secret', secret)),
    ...registered('API key').map((key) => needle('API key', key, [], (place) => place.kind === 'body' && isCreateKeyAction(place.response))),
    ...serverSecrets(),
    ...cookies.map((cookie) =>
      needle('session cookie', cookie, [], (place) => place.kind === 'cookie jar' || (place.kind === 'header' && place.name === 'set-cookie')),
    ),
  ];

  // The scan means something only if the run produced secrets of every class and traffic of every kind.
  const minimum = { 'access token': 6, 'refresh token': 6, 'BYO client secret': 2, 'API key': 1, AUTH_SECRET: 1, 'encryption key': 1, 'session cookie': 1 };
  for (const [kind, least] of Object.entries(minimum)) {
    expect(all.filter((n) => n.kind === kind).length, `${kind}s issued during the run`).toBeGreaterThanOrEqual(least);
  }
  const kinds = new Set(capture.responses.map((response) => response.contentType.split(';')[0]));
  expect([...kinds]).toEqual(expect.arrayContaining(['text/html', 'text/x-component', 'application/json']));
  expect(capture.storage.length).toBeGreaterThan(0);
  expect(capture.responses.some(isCreateKeyAction), 'the API key creation was captured').toBe(true);

  // And only if the scanner finds each class of secret, however it is encoded.
  const secretOf = (kind: string) => all.find((n) => n.kind === kind)!;
  const raw = (kind: string) => [...accessTokens, ...refreshTokens, ...registered('BYO client secret'), ...registered('API key'), ...cookies].find((value) => label(value) === secretOf(kind).id);
  const samples = [
    `Authorization: Bearer ${[...accessTokens][0]}`,
    `?t=${encodeURIComponent([...refreshTokens][0]!)}&`,
    Buffer.from(`x${raw('BYO client secret')}y`).toString('base64'),
    `Basic ${Buffer.from(`${SANDBOX_APP.clientId}:${SANDBOX_APP.clientSecret}`).toString('base64')}`,
    `{"key":${JSON.stringify(raw('API key'))}}`,
    `cookie: authjs.session-token=${raw('session cookie')}`,
    ...(() => {
      const secrets = JSON.parse(readFileSync(path.join(E2E.dataDir, 'secrets.json'), 'utf8')) as { AUTH_SECRET: string; PORTICO_ENCRYPTION_KEY: string };
      const key = secrets.PORTICO_ENCRYPTION_KEY.split(',')[0]!.split(':').pop()!;
      return [`secret=${encodeURIComponent(secrets.AUTH_SECRET)}`, `<Buffer ${Buffer.from(key, 'base64').toString('hex')}>`];
    })(),
  ];
  for (const sample of samples) {
    const found: string[] = [];
    scan(sample, 'self-test', { kind: 'self-test' }, all, found);
    expect(found.length, `the scanner recognises an encoded secret in sample ${samples.indexOf(sample)}`).toBeGreaterThan(0);
  }

  const findings: string[] = [];

  const dump = await dumpDatabase(database);
  expect(dump.find((table) => table.table === 'public.jira_grants')?.rows ?? 0).toBeGreaterThan(0);
  expect(dump.find((table) => table.table === 'public.api_keys')?.rows ?? 0).toBeGreaterThan(0);
  for (const table of dump) scan(table.json, `database table ${table.table}`, { kind: 'database' }, all, findings);

  expect(existsSync(E2E.serverLog), 'the server log exists').toBe(true);
  scan(await readFile(E2E.serverLog, 'utf8'), 'the server log', { kind: 'log' }, all, findings);

  const bodies = new Map<string, string>();
  const keyBodies = new Map<string, Set<string>>();
  for (const response of capture.responses) {
    const where = `${response.method} ${response.url} (${response.status}, ${response.test})`;
    for (const [name, value] of Object.entries(response.headers)) scan(value, `header ${name} of ${where}`, { kind: 'header', name, response }, all, findings);
    if (!response.body) continue;
    if (!bodies.has(response.body)) bodies.set(response.body, (await capture.body(response.body)).toString('latin1'));
    const text = bodies.get(response.body)!;
    scan(text, `body of ${where}`, { kind: 'body', response }, all, findings);
    for (const key of all.filter((n) => n.kind === 'API key' && n.forms.some((form) => text.includes(form)))) {
      keyBodies.set(key.id, (keyBodies.get(key.id) ?? new Set()).add(response.body));
    }
  }
  // Shown once means once: a second response carrying the same key is a leak even from the same action.
  for (const [id, seen] of keyBodies) if (seen.size > 1) findings.push(`API key ${id} in ${seen.size} responses (shown more than once)`);

  for (const file of capture.storage) {
    scan(withoutCookies(file.text), `browser storage ${file.name}`, { kind: 'storage' }, all, findings);
    scan(file.text, `cookie jar ${file.name}`, { kind: 'cookie jar' }, all, findings);
  }

  expect([...new Set(findings)]).toEqual([]);
});
