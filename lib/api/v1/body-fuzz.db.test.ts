// Property: no JSON body, however hostile its text, makes the connections API answer 5xx. Lone UTF-16
// surrogates and NUL characters (which PostgreSQL cannot store) and "__proto__" keys (which zod drops
// silently) must come back as 422 naming the field, on POST and on PATCH.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';
import type { CurrentMember } from '@/lib/auth/guards';
import { callApi } from '@/tests/api-client';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

// The per-key limit would answer 429 long before 5,000 bodies reach the parser.
process.env.PORTICO_API_RATE_LIMIT_PER_MINUTE = '1000000';
const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

const BODIES_PER_METHOD = 2_500;
type ErrorBody = { error?: { code: string; field?: string } };

// Text units weighted towards the troublemakers; pairs stay valid, halves do not.
const unit = fc.oneof(
  { arbitrary: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000'), weight: 1 },
  { arbitrary: fc.constantFrom('\ud83d\ude80', 'é', '"', '\\', ' ', 'Done', 'A'), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 2 }), weight: 2 },
);
const text = fc.string({ unit, maxLength: 8 });
const key = fc.oneof({ arbitrary: text, weight: 8 }, { arbitrary: fc.constantFrom('__proto__', 'constructor', 'Done'), weight: 1 });
const status = fc.oneof(fc.constantFrom(...STANDARD_STATUSES), text);
const mapping = fc.oneof(fc.dictionary(key, status, { maxKeys: 4 }), fc.array(fc.dictionary(key, status, { minKeys: 1, maxKeys: 1 }), { maxLength: 3 }));
const options = fc.record(
  { status_mapping: mapping, priority_mapping: mapping, project_keys_filter: fc.array(text, { maxLength: 3 }) },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { arbitrary: fc.record({ vendor: fc.oneof(fc.constant('JIRA'), text), options }, { requiredKeys: [] }), weight: 4 },
  { arbitrary: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 })), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), weight: 1 },
);

/** The oracle, independent of the code under test: UTF-8 cannot round-trip a lone surrogate. */
function hasUnstorableText(value: unknown): boolean {
  const bad = (s: string) => s.includes('\u0000') || Buffer.from(s, 'utf8').toString('utf8') !== s;
  if (typeof value === 'string') return bad(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k === '__proto__' || bad(k) || hasUnstorableText(v));
  return false;
}

describe('/api/v1 connections body fuzz', () => {
  let apiKey: string;
  let connectionId: string;

  beforeAll(async () => {
    const [admin] = (await createOrgMembers(harness.db(), 'Fuzz', ['admin'])) as [CurrentMember];
    apiKey = (await createApiKey(admin.orgId, admin.userId, 'Fuzz')).secret;
    connectionId = ((await callApi('POST', '/connections', { key: apiKey, body: { vendor: 'JIRA' } })).body as { id: string }).id;
  });

  it.each([
    { method: 'POST' as const, path: (): string => '/connections' },
    { method: 'PATCH' as const, path: (): string => `/connections/${connectionId}` },
  ])(`$method answers ${BODIES_PER_METHOD} generated bodies without a 5xx, and names the field of unstorable text`, async ({ method, path }) => {
    let answered = 0;
    let refusedText = 0;
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        // JSON.stringify writes a lone surrogate as "\ud800" and NUL as "\u0000": valid JSON text either way.
        const answer = await callApi(method, path(), { key: apiKey, rawBody: JSON.stringify(value) });
        answered++;
        expect(answer.status).toBeLessThan(500);
        if (hasUnstorableText(value)) {
          refusedText++;
          expect(answer.status).toBe(422);
          expect((answer.body as ErrorBody).error?.field).toEqual(expect.any(String));
        }
      }),
      { numRuns: BODIES_PER_METHOD },
    );
    expect(answered).toBe(BODIES_PER_METHOD);
    // The generator must actually reach the troublemakers, not only well-formed text.
    expect(refusedText).toBeGreaterThan(BODIES_PER_METHOD / 10);
  }, 600_000);

  it.each([
    { name: 'a lone surrogate as a mapping name', raw: '{"options":{"status_mapping":{"\\ud800":"CLOSED"}}}', field: 'options.status_mapping.\\ud800' },
    { name: 'a NUL inside a mapping name', raw: '{"options":{"status_mapping":{"A\\u0000B":"CLOSED"}}}', field: 'options.status_mapping.A\\u0000B' },
    { name: 'a "__proto__" mapping name', raw: '{"options":{"status_mapping":{"__proto__":"CLOSED"}}}', field: 'options.status_mapping.__proto__' },
  ])('refuses $name with 422 naming the field, on POST and PATCH', async ({ raw, field }) => {
    const posted = `{"vendor":"JIRA",${raw.slice(1)}`;
    for (const [method, path, rawBody] of [['POST', '/connections', posted], ['PATCH', `/connections/${connectionId}`, raw]] as const) {
      const answer = await callApi(method, path, { key: apiKey, rawBody });
      expect(answer.status).toBe(422);
      expect((answer.body as ErrorBody).error).toMatchObject({ code: 'validation_failed', field });
    }
  });
});
