import fc from 'fast-check';
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jiraOauthStates } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import {
  createOrgMembers,
  expireState,
  MAIN_CLOUD_ID,
  setupJiraHarness,
  snapshotConnectionsAndGrants,
  stateHash,
} from '@/tests/jira-harness';
import { handleCallback } from './handle-callback';
import type { ConnectOutcome } from './outcomes';

// Fixed, so a failure replays exactly: fast-check prints the seed and the shrunk counterexample.
const SEED = 20_240_611;
const RUNS = 2_000;
// A fixed amount of work (2,000 callbacks against the database), not a speed target: on a 2-core
// machine running other suites it took over 20 s. The timeout only catches a hang.
const FUZZ_TIMEOUT_MS = 180_000;

const harness = setupJiraHarness({ scenario: 'single-site' });

interface PoolState {
  state: string;
  binding: string;
  member: CurrentMember;
  code?: string;
  /** Unused, unexpired and started by an admin: the one combination that would be consumed. */
  live: boolean;
}

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const HOSTILE_OUTCOMES: ConnectOutcome[] = ['invalid_request', 'invalid_state', 'cancelled_unknown', 'admin_only'];
const sameIdentity = (a: CurrentMember, b: CurrentMember) =>
  a.userId === b.userId && a.orgId === b.orgId && a.sessionId === b.sessionId;

describe('generated hostile callbacks', () => {
  let pool: PoolState[];
  let members: (CurrentMember | undefined)[];

  beforeAll(async () => {
    const [owner, secondAdmin, plainMember] = await createOrgMembers(harness.db(), 'Acme', [
      'admin',
      'admin',
      'member',
    ]);
    const [foreignAdmin] = await createOrgMembers(harness.db(), 'Globex', ['admin']);
    const started = async (member: CurrentMember, approve: boolean) => {
      const consent = await harness.startConsent(member);
      const code = approve
        ? (await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID)).get('code')!
        : undefined;
      return { state: consent.state, binding: consent.browserBinding, member, code, live: member.role === 'admin' };
    };
    pool = [
      await started(owner!, true),
      await started(owner!, true),
      await started(owner!, false),
      await started(secondAdmin!, true),
      await started(foreignAdmin!, true),
      await started(plainMember!, true),
    ];
    const expired = await started(owner!, true);
    await expireState(harness.db(), expired.state);
    // A real connection (so "no change" covers live rows), whose state is then a replay.
    const consent = await harness.startConsent(owner!);
    const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);
    await expect(handleCallback(owner, callback, consent.browserBinding)).resolves.toMatchObject({
      outcome: 'connected',
    });
    pool.push(
      { ...expired, live: false },
      {
        state: consent.state,
        binding: consent.browserBinding,
        member: owner!,
        code: callback.get('code')!,
        live: false,
      },
    );
    members = [
      owner,
      { ...owner!, sessionId: 'another-session' },
      secondAdmin,
      plainMember,
      foreignAdmin,
      { ...foreignAdmin!, sessionId: owner!.sessionId },
      undefined,
    ];
  });

  it(`end in a named outcome, reach no token endpoint and change no row (seed ${SEED}, ${RUNS} runs)`, async () => {
    const rowsBefore = await snapshotConnectionsAndGrants(harness.db());
    const requestsBefore = (await harness.counters()).requests;

    const anyText = (maxLength: number) =>
      fc.oneof(
        fc.string({ maxLength }),
        fc.string({ unit: 'grapheme', maxLength }),
        fc.string({ unit: 'binary', maxLength }),
        fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength }),
      );
    const mutatedState = fc
      .tuple(
        fc.constantFrom(...pool.map((entry) => entry.state)),
        fc.nat(),
        fc.constantFrom('flip', 'truncate', 'append', 'upper', 'space'),
      )
      .map(([state, at, how]) => {
        const i = at % state.length;
        if (how === 'flip') return state.slice(0, i) + (state[i] === 'A' ? 'B' : 'A') + state.slice(i + 1);
        if (how === 'truncate') return state.slice(0, i);
        if (how === 'append') return `${state}A`;
        if (how === 'upper') return state.toUpperCase();
        return ` ${state}`;
      });
    // Weighted so most runs are well-formed enough to reach the state check, not just the parser.
    const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number) =>
      fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary, weight: 1 });
    const state = fc.oneof(
      { arbitrary: fc.constantFrom(...pool.map((entry) => entry.state)), weight: 5 },
      { arbitrary: mutatedState, weight: 3 },
      { arbitrary: fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 1, maxLength: 300 }), weight: 2 },
      { arbitrary: anyText(64), weight: 1 },
      { arbitrary: fc.constant(''), weight: 1 },
    );
    const code = fc.oneof(
      { arbitrary: fc.constantFrom(...pool.flatMap((entry) => (entry.code ? [entry.code] : []))), weight: 4 },
      { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 }), weight: 2 },
      { arbitrary: anyText(32), weight: 1 },
      { arbitrary: fc.constant('c'.repeat(5000)), weight: 1 },
    );
    const error = fc.oneof(
      fc.constantFrom(
        'access_denied',
        'invalid_scope',
        'unauthorized_client',
        'server_error',
        'temporarily_unavailable',
        'invalid_request',
      ),
      anyText(80),
    );
    const junkKey = fc.oneof(
      fc.constantFrom(
        'state',
        'code',
        'error',
        'error_description',
        'iss',
        'id_token',
        'token',
        '__proto__',
        'constructor',
        'toString',
        '',
      ),
      anyText(16),
    );
    const junkValue = fc.oneof(
      anyText(40),
      fc.constantFrom(...pool.map((entry) => entry.state)),
      fc.constant('v'.repeat(9000)),
    );
    const binding = fc.oneof(
      { arbitrary: fc.constantFrom(...pool.map((entry) => entry.binding)), weight: 5 },
      { arbitrary: fc.constant(undefined), weight: 1 },
      { arbitrary: fc.constant(''), weight: 1 },
      { arbitrary: anyText(64), weight: 1 },
    );
    const callback = fc
      .record({
        member: fc.oneof(
          { arbitrary: fc.constantFrom(...members), weight: 3 },
          {
            arbitrary: fc
              .tuple(fc.constantFrom(...members.filter((member) => member !== undefined)), anyText(40))
              .map(([member, sessionId]) => ({ ...member, sessionId })),
            weight: 1,
          },
        ),
        binding,
        state: fc.option(state, { nil: undefined, freq: 8 }),
        code: fc.option(code, { nil: undefined, freq: 4 }),
        error: sometimes(error, 5),
        errorDescription: sometimes(fc.oneof(fc.string({ maxLength: 200 }), anyText(1500)), 5),
        junk: fc.oneof(
          { arbitrary: fc.constant<[string, string][]>([]), weight: 5 },
          { arbitrary: fc.array(fc.tuple(junkKey, junkValue), { minLength: 1, maxLength: 4 }), weight: 1 },
        ),
      })
      .map(({ member, binding, state, code, error, errorDescription, junk }) => {
        const params = new URLSearchParams(junk);
        if (state !== undefined) params.append('state', state);
        if (code !== undefined) params.append('code', code);
        if (error !== undefined) params.append('error', error);
        if (errorDescription !== undefined) params.append('error_description', errorDescription);
        return { member, binding, params };
      })
      // The one legitimate combination (the owner, their cookie, their unused state) is not hostile.
      .filter(({ member, binding, params }) => {
        const states = params.getAll('state');
        return !pool.some(
          (entry) =>
            entry.live &&
            member &&
            sameIdentity(member, entry.member) &&
            binding === entry.binding &&
            states.includes(entry.state),
        );
      });

    await fc.assert(
      fc.asyncProperty(callback, async ({ member, binding, params }) => {
        const result = await handleCallback(member, params, binding);
        expect(result.kind).toBe('done');
        expect(HOSTILE_OUTCOMES).toContain(result.kind === 'done' ? result.outcome : result.kind);
        expect((await harness.counters()).requests).toEqual(requestsBefore);
      }),
      { seed: SEED, numRuns: RUNS },
    );

    expect((await harness.counters()).requests).toEqual(requestsBefore);
    expect(await snapshotConnectionsAndGrants(harness.db())).toEqual(rowsBefore);
    const liveStates = pool.filter((entry) => entry.live);
    const states = await harness
      .db()
      .select({ consumedAt: jiraOauthStates.consumedAt })
      .from(jiraOauthStates)
      .where(
        inArray(
          jiraOauthStates.stateHash,
          liveStates.map((entry) => stateHash(entry.state)),
        ),
      );
    expect(states).toEqual(liveStates.map(() => ({ consumedAt: null })));
    // None of them was burnt: the owner can still finish the consent they started.
    const survivor = pool[0]!;
    const finished = await handleCallback(
      survivor.member,
      new URLSearchParams({ code: survivor.code!, state: survivor.state }),
      survivor.binding,
    );
    // Accepted; the site is already connected and this was a new connect, so the picker asks before reconnecting.
    expect(finished).toMatchObject({ kind: 'choose_site' });
  }, FUZZ_TIMEOUT_MS);
});
