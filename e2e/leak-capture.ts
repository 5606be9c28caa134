import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIResponse, BrowserContext, Response } from '@playwright/test';
import { E2E } from './env';
import type { SandboxTokens } from './sandbox';

/**
 * Records, per test, every response the browser (or a test's request context) got from Portico
 * and what the browser stored, so zz-leak.spec.ts can look for tokens and secrets in all of it
 * once the run is over. Bodies are stored once per content hash (the JS chunks repeat).
 */
const RESPONSES = path.join(E2E.captureDir, 'responses.jsonl');
const BODIES = path.join(E2E.captureDir, 'bodies');
const STORAGE = path.join(E2E.captureDir, 'storage');
const SANDBOX_TOKENS = path.join(E2E.captureDir, 'sandbox-tokens.jsonl');
const SECRETS = path.join(E2E.captureDir, 'secrets.jsonl');

/** Secrets a test typed into Portico or was shown once; the leak scan looks for each afterwards. */
export type RegisteredSecretKind = 'BYO client secret' | 'API key';

export interface CapturedResponse {
  test: string;
  via: 'browser' | 'api';
  method: string;
  url: string;
  status: number;
  contentType: string;
  headers: Record<string, string>;
  /** sha256 of the body in bodies/, or null when there is none (redirects). */
  body: string | null;
}

const isPortico = (url: string) => E2E.instanceUrls.some((origin) => url.startsWith(`${origin}/`) || url === origin);

export class LeakCapture {
  private pending: Promise<unknown>[] = [];
  private contexts: BrowserContext[] = [];
  private saved = 0;

  /** `test` names the test in reports; `key` (Playwright's test id) names its files. */
  constructor(
    private readonly test: string,
    private readonly key: string,
  ) {}

  /**
   * Captures every finished request of the context, including redirects and server actions,
   * and its storage when it closes (a test closing its own context included).
   */
  attach(context: BrowserContext): void {
    this.contexts.push(context);
    const close = context.close.bind(context);
    context.close = async (options) => {
      await this.release(context);
      return close(options);
    };
    context.on('requestfinished', (request) => {
      if (!isPortico(request.url())) return;
      this.pending.push(
        request.response().then((response) => (response ? this.record('browser', response) : undefined)),
      );
    });
  }

  /** For responses a test fetched through an APIRequestContext (not seen by browser events). */
  async recordApi(response: APIResponse, method = 'GET'): Promise<void> {
    await this.write({
      via: 'api',
      method,
      url: response.url(),
      status: response.status(),
      headers: response.headersArray(),
      body: await response.body().catch(() => undefined),
    });
  }

  private async record(via: 'browser', response: Response) {
    const headers = await response.headersArray().catch(() => []);
    // Redirect and some navigations have no retrievable body; their headers are still scanned.
    const body = await response.body().catch(() => undefined);
    await this.write({ via, method: response.request().method(), url: response.url(), status: response.status(), headers, body });
  }

  private async write(input: {
    via: 'browser' | 'api';
    method: string;
    url: string;
    status: number;
    headers: { name: string; value: string }[];
    body: Buffer | undefined;
  }) {
    await mkdir(BODIES, { recursive: true });
    let hash: string | null = null;
    if (input.body && input.body.length > 0) {
      hash = createHash('sha256').update(input.body).digest('hex');
      const file = path.join(BODIES, hash);
      if (!existsSync(file)) await writeFile(file, input.body);
    }
    const headers: Record<string, string> = {};
    for (const { name, value } of input.headers) {
      const key = name.toLowerCase();
      headers[key] = headers[key] === undefined ? value : `${headers[key]}\n${value}`;
    }
    const entry: CapturedResponse = {
      test: this.test,
      via: input.via,
      method: input.method,
      url: input.url,
      status: input.status,
      contentType: headers['content-type'] ?? '',
      headers,
      body: hash,
    };
    await appendFile(RESPONSES, `${JSON.stringify(entry)}\n`);
  }

  /** Waits for pending bodies and stores cookies, localStorage, IndexedDB and sessionStorage. */
  async finish(): Promise<void> {
    for (const context of [...this.contexts]) await this.release(context);
  }

  /** The same for one context, before it closes. */
  async release(context: BrowserContext): Promise<void> {
    await Promise.allSettled(this.pending);
    const index = this.contexts.indexOf(context);
    if (index < 0) return;
    this.contexts.splice(index, 1);
    const state = await context.storageState({ indexedDB: true });
    const sessionStorage: Record<string, string> = {};
    for (const page of context.pages()) {
      if (!isPortico(page.url())) continue;
      sessionStorage[page.url()] = await page.evaluate(() => JSON.stringify({ ...window.sessionStorage }));
    }
    await mkdir(STORAGE, { recursive: true });
    this.saved += 1;
    await writeFile(path.join(STORAGE, `${this.key}-${this.saved}.json`), JSON.stringify({ test: this.test, state, sessionStorage }, null, 1));
  }
}

/** The sandbox forgets its tokens on reset: every test's tokens are saved before that happens. */
export async function saveSandboxTokens(tokens: SandboxTokens): Promise<void> {
  await mkdir(E2E.captureDir, { recursive: true });
  const line = { accessTokens: tokens.accessTokens.map((t) => t.token), refreshTokens: tokens.refreshTokens.map((t) => t.token) };
  await appendFile(SANDBOX_TOKENS, `${JSON.stringify(line)}\n`);
}

export async function saveSecret(kind: RegisteredSecretKind, value: string): Promise<void> {
  await mkdir(E2E.captureDir, { recursive: true });
  await appendFile(SECRETS, `${JSON.stringify({ kind, value })}\n`);
}

export async function readCapture() {
  const lines = async (file: string) => (existsSync(file) ? (await readFile(file, 'utf8')).split('\n').filter(Boolean) : []);
  const responses = (await lines(RESPONSES)).map((line) => JSON.parse(line) as CapturedResponse);
  const tokens = (await lines(SANDBOX_TOKENS)).map((line) => JSON.parse(line) as { accessTokens: string[]; refreshTokens: string[] });
  const storage = existsSync(STORAGE)
    ? await Promise.all((await readdir(STORAGE)).map(async (name) => ({ name, text: await readFile(path.join(STORAGE, name), 'utf8') })))
    : [];
  const secrets = (await lines(SECRETS)).map((line) => JSON.parse(line) as { kind: RegisteredSecretKind; value: string });
  const body = (hash: string) => readFile(path.join(BODIES, hash));
  return { responses, tokens, storage, secrets, body };
}

/**
 * The forms a secret can take when it leaks: as is, URL- and JSON-escaped, hex, and base64 /
 * base64url at each of the three byte alignments it can have inside a longer encoded value
 * (an HTTP Basic header, a cookie, a JWT) — keeping only the characters that do not depend on
 * the unknown neighbouring bytes.
 */
export function leakForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('hex')]);
  for (let shift = 0; shift < 3; shift += 1) {
    const bytes = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]);
    const stable = Math.floor(bytes.length / 3) * 4;
    const skip = Math.ceil((shift * 8) / 6);
    for (const encoding of ['base64', 'base64url'] as const) {
      const core = bytes.toString(encoding).slice(skip, stable);
      forms.add(core);
      forms.add(encodeURIComponent(core));
    }
  }
  return [...forms].filter((form) => form.length >= 16);
}
