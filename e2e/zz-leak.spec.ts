import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dumpDatabase } from './db';
import { E2E, SANDBOX_APP } from './env';
import { expect, test } from './fixtures';
import { leakForms, readCapture, saveSandboxTokens } from './leak-capture';
import { SandboxControl } from './sandbox';

/**
 * Runs last (file order, one worker). Over the whole run, the access and refresh tokens the
 * sandbox issued and Portico's client secret must appear nowhere: not in the database, the
 * server log, any response Portico sent (HTML, RSC payloads, JSON, headers), nor browser storage.
 * Findings name the secret by a short hash, never by value.
 */
interface Needle {
  kind: string;
  id: string;
  forms: string[];
}

const label = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 10);

function needles(accessTokens: Set<string>, refreshTokens: Set<string>): Needle[] {
  const list: Needle[] = [{ kind: 'client secret', id: label(SANDBOX_APP.clientSecret), forms: leakForms(SANDBOX_APP.clientSecret) }];
  for (const token of accessTokens) {
    // A JWT's signature alone identifies it; look for it too, in case a token is logged in parts.
    const signature = token.split('.')[2] ?? '';
    list.push({ kind: 'access token', id: label(token), forms: [...leakForms(token), ...leakForms(signature)] });
  }
  for (const token of refreshTokens) list.push({ kind: 'refresh token', id: label(token), forms: leakForms(token) });
  return list;
}

function scan(haystack: string, where: string, all: Needle[], findings: string[]) {
  for (const needle of all) {
    if (needle.forms.some((form) => haystack.includes(form))) findings.push(`${needle.kind} ${needle.id} in ${where}`);
  }
}

test('no token or client secret appears in the database, the server log, any response or browser storage', async ({ database }) => {
  test.setTimeout(120_000);
  const sandbox = new SandboxControl(E2E.sandboxUrl);
  const current = await sandbox.tokens();
  await saveSandboxTokens(current);
  const capture = await readCapture();
  const accessTokens = new Set(capture.tokens.flatMap((snapshot) => snapshot.accessTokens));
  const refreshTokens = new Set(capture.tokens.flatMap((snapshot) => snapshot.refreshTokens));
  const all = needles(accessTokens, refreshTokens);

  // The scan means something only if the run issued tokens and captured traffic of every kind.
  if (capture.responses.length === 0) test.skip(true, 'Nothing captured: run the whole suite, this spec checks what the others did.');
  expect(accessTokens.size, 'access tokens issued during the run').toBeGreaterThan(5);
  expect(refreshTokens.size, 'refresh tokens issued during the run').toBeGreaterThan(5);
  const kinds = new Set(capture.responses.map((response) => response.contentType.split(';')[0]));
  expect([...kinds]).toEqual(expect.arrayContaining(['text/html', 'text/x-component', 'application/json']));
  expect(capture.storage.length).toBeGreaterThan(0);
  // And only if the scanner finds what it looks for, however it is encoded.
  const probe = [...accessTokens][0]!;
  for (const sample of [
    `Authorization: Bearer ${probe}`,
    `?t=${encodeURIComponent(probe)}&`,
    Buffer.from(`x${probe}y`).toString('base64'),
    `Basic ${Buffer.from(`${SANDBOX_APP.clientId}:${SANDBOX_APP.clientSecret}`).toString('base64')}`,
  ]) {
    const found: string[] = [];
    scan(sample, 'self-test', all, found);
    expect(found.length, 'the scanner recognises an encoded secret').toBeGreaterThan(0);
  }

  const findings: string[] = [];

  const dump = await dumpDatabase(database);
  expect(dump.find((table) => table.table === 'public.jira_grants')?.rows ?? 0).toBeGreaterThan(0);
  for (const table of dump) scan(table.json, `database table ${table.table}`, all, findings);

  expect(existsSync(E2E.serverLog), 'the server log exists').toBe(true);
  scan(await readFile(E2E.serverLog, 'utf8'), 'the server log', all, findings);

  const bodies = new Map<string, string>();
  for (const response of capture.responses) {
    const where = `${response.method} ${response.url} (${response.status}, ${response.test})`;
    scan(JSON.stringify(response.headers), `headers of ${where}`, all, findings);
    if (!response.body) continue;
    if (!bodies.has(response.body)) bodies.set(response.body, (await capture.body(response.body)).toString('latin1'));
    scan(bodies.get(response.body)!, `body of ${where}`, all, findings);
  }

  for (const file of capture.storage) scan(file.text, `browser storage ${file.name}`, all, findings);

  expect([...new Set(findings)]).toEqual([]);
});
