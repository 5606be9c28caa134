import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
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

const harness = setupJiraHarness({ scenario: 'single-site' });

interface Attempt {
  member: CurrentMember | undefined;
  query: URLSearchParams;
  binding: string | undefined;
  /** A legitimate state the attempt targets: it must still be unused afterwards. */
  mustSurvive?: string;
}

let owner: CurrentMember;
let otherAdmin: CurrentMember;
let foreignAdmin: CurrentMember;
let replay: { query: URLSearchParams; binding: string };

/** A consent the owner started and approved at the sandbox: a real state, cookie and code. */
async function approved(member: CurrentMember = owner) {
  const consent = await harness.startConsent(member);
  const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);
  return { ...consent, callback };
}

const forged = () => randomBytes(32).toString('base64url');
const query = (parts: [string, string][]) => new URLSearchParams(parts);

const cases: { name: string; outcome: ConnectOutcome; attempt: () => Promise<Attempt> }[] = [
  {
    name: 'forged state with a real code and cookie',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      return {
        member: owner,
        query: query([
          ['code', real.callback.get('code')!],
          ['state', forged()],
        ]),
        binding: real.browserBinding,
        mustSurvive: real.state,
      };
    },
  },
  {
    name: 'replayed state after a successful connect',
    outcome: 'invalid_state',
    attempt: () =>
      Promise.resolve({ member: owner, query: new URLSearchParams(replay.query), binding: replay.binding }),
  },
  {
    name: 'state from another session of the same user',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      return {
        member: { ...owner, sessionId: 'another-session' },
        query: real.callback,
        binding: real.browserBinding,
        mustSurvive: real.state,
      };
    },
  },
  {
    name: 'state from another browser (another binding cookie)',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      const elsewhere = await harness.startConsent(owner);
      return { member: owner, query: real.callback, binding: elsewhere.browserBinding, mustSurvive: real.state };
    },
  },
  {
    name: 'state without the binding cookie',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      return { member: owner, query: real.callback, binding: undefined, mustSurvive: real.state };
    },
  },
  {
    name: 'state of another admin of the same organization',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      return { member: otherAdmin, query: real.callback, binding: real.browserBinding, mustSurvive: real.state };
    },
  },
  {
    name: 'state of another organization’s admin, with their cookie',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved(foreignAdmin);
      return { member: owner, query: real.callback, binding: real.browserBinding, mustSurvive: real.state };
    },
  },
  {
    name: 'own state presented by another organization’s admin, with the owner’s cookie',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      return {
        member: { ...foreignAdmin, sessionId: owner.sessionId },
        query: real.callback,
        binding: real.browserBinding,
        mustSurvive: real.state,
      };
    },
  },
  {
    name: 'expired state (older than 10 minutes)',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      await expireState(harness.db(), real.state);
      return { member: owner, query: real.callback, binding: real.browserBinding };
    },
  },
  {
    name: 'signed-out browser with a real state',
    outcome: 'invalid_state',
    attempt: async () => {
      const real = await approved();
      return { member: undefined, query: real.callback, binding: real.browserBinding, mustSurvive: real.state };
    },
  },
  {
    name: 'error=access_denied with the state (Cancel at Atlassian)',
    outcome: 'cancelled',
    attempt: async () => {
      const consent = await harness.startConsent(owner);
      return {
        member: owner,
        query: await harness.cancelConsent(consent.authorizeUrl),
        binding: consent.browserBinding,
      };
    },
  },
  {
    name: 'error=access_denied without state',
    outcome: 'cancelled_unknown',
    attempt: () =>
      Promise.resolve({
        member: owner,
        query: query([
          ['error', 'access_denied'],
          ['error_description', 'User did not authorize the request'],
        ]),
        binding: undefined,
      }),
  },
  {
    name: 'error=access_denied with a forged state',
    outcome: 'invalid_state',
    attempt: () =>
      Promise.resolve({
        member: owner,
        query: query([
          ['error', 'access_denied'],
          ['state', forged()],
        ]),
        binding: 'cookie',
      }),
  },
  ...(
    [
      ['invalid_scope', 'scope_not_allowed'],
      ['unauthorized_client', 'callback_mismatch'],
      ['server_error', 'atlassian_unavailable'],
      ['temporarily_unavailable', 'atlassian_unavailable'],
      ['login_required', 'atlassian_refused'],
    ] as const
  ).map(([error, outcome]) => ({
    name: `error=${error} with the state`,
    outcome,
    attempt: async (): Promise<Attempt> => {
      const consent = await harness.startConsent(owner);
      return {
        member: owner,
        query: query([
          ['error', error],
          ['error_description', 'Something <b>went</b> wrong'],
          ['state', consent.state],
        ]),
        binding: consent.browserBinding,
      };
    },
  })),
  {
    name: 'error=invalid_scope without state',
    outcome: 'invalid_state',
    attempt: () => Promise.resolve({ member: owner, query: query([['error', 'invalid_scope']]), binding: undefined }),
  },
  {
    name: 'valid state without code',
    outcome: 'missing_code',
    attempt: async () => {
      const consent = await harness.startConsent(owner);
      return { member: owner, query: query([['state', consent.state]]), binding: consent.browserBinding };
    },
  },
  {
    name: 'no parameters at all',
    outcome: 'invalid_state',
    attempt: () => Promise.resolve({ member: owner, query: new URLSearchParams(), binding: undefined }),
  },
  ...malformed(),
];

/** Parameters no Atlassian redirect carries; the real state and code are kept so only the malformation differs. */
function malformed(): { name: string; outcome: ConnectOutcome; attempt: () => Promise<Attempt> }[] {
  const variants: [string, (state: string, code: string) => [string, string][]][] = [
    [
      'huge state (100 kB)',
      (_state, code) => [
        ['code', code],
        ['state', 'A'.repeat(100_000)],
      ],
    ],
    [
      'state just over 256 characters',
      (_state, code) => [
        ['code', code],
        ['state', 'A'.repeat(257)],
      ],
    ],
    [
      'empty state',
      (_state, code) => [
        ['code', code],
        ['state', ''],
      ],
    ],
    [
      'repeated state',
      (state, code) => [
        ['code', code],
        ['state', state],
        ['state', state],
      ],
    ],
    [
      'repeated code',
      (state, code) => [
        ['code', code],
        ['code', code],
        ['state', state],
      ],
    ],
    [
      'two different states',
      (state, code) => [
        ['code', code],
        ['state', state],
        ['state', forged()],
      ],
    ],
    [
      'non-ASCII state',
      (state, code) => [
        ['code', code],
        ['state', `${state}é`],
      ],
    ],
    [
      'state with a NUL byte',
      (state, code) => [
        ['code', code],
        ['state', `${state}\u0000`],
      ],
    ],
    [
      'state with URL syntax',
      (state, code) => [
        ['code', code],
        ['state', `${state}&code=x`],
      ],
    ],
    [
      'non-ASCII code',
      (state, code) => [
        ['code', `${code}☃`],
        ['state', state],
      ],
    ],
    [
      'code with spaces',
      (state, code) => [
        ['code', `${code} ${code}`],
        ['state', state],
      ],
    ],
    [
      'huge code',
      (state) => [
        ['code', 'c'.repeat(5000)],
        ['state', state],
      ],
    ],
    [
      'error in capitals',
      (state) => [
        ['error', 'ACCESS_DENIED'],
        ['state', state],
      ],
    ],
    [
      'error with markup',
      (state) => [
        ['error', '<script>alert(1)</script>'],
        ['state', state],
      ],
    ],
    [
      'huge error_description',
      (state) => [
        ['error', 'access_denied'],
        ['error_description', 'x'.repeat(2000)],
        ['state', state],
      ],
    ],
    [
      'query over 8 kB in total',
      (state, code) => [
        ['code', code],
        ['state', state],
        ['padding', 'p'.repeat(9000)],
      ],
    ],
  ];
  return variants.map(([name, build]) => ({
    name: `malformed: ${name}`,
    outcome: 'invalid_request' as const,
    attempt: async () => {
      const real = await approved();
      return {
        member: owner,
        query: query(build(real.state, real.callback.get('code')!)),
        binding: real.browserBinding,
        mustSurvive: real.state,
      };
    },
  }));
}

describe('hostile callbacks change nothing and never reach Atlassian', () => {
  beforeAll(async () => {
    const [admin, secondAdmin] = await createOrgMembers(harness.db(), 'Acme', ['admin', 'admin']);
    const [globexAdmin] = await createOrgMembers(harness.db(), 'Globex', ['admin']);
    owner = admin!;
    otherAdmin = secondAdmin!;
    foreignAdmin = globexAdmin!;
    // A live connection whose rows every case must leave untouched; its state is the replayed one.
    const first = await approved();
    await expect(handleCallback(owner, first.callback, first.browserBinding)).resolves.toMatchObject({
      outcome: 'connected',
    });
    replay = { query: first.callback, binding: first.browserBinding };
  });

  it.each(cases)('$name → $outcome', async ({ attempt, outcome }) => {
    const { member, query: params, binding, mustSurvive } = await attempt();
    const rowsBefore = await snapshotConnectionsAndGrants(harness.db());
    const requestsBefore = (await harness.counters()).requests;

    const result = await handleCallback(member, params, binding);

    expect(result).toEqual({ kind: 'done', outcome });
    expect((await harness.counters()).requests).toEqual(requestsBefore);
    expect(await snapshotConnectionsAndGrants(harness.db())).toEqual(rowsBefore);
    if (mustSurvive) {
      const [state] = await harness
        .db()
        .select({ consumedAt: jiraOauthStates.consumedAt })
        .from(jiraOauthStates)
        .where(eq(jiraOauthStates.stateHash, stateHash(mustSurvive)));
      expect(state).toEqual({ consumedAt: null });
    }
  });

  it('still accepts a state from its owner after attempts from the wrong session, browser, user and organization', async () => {
    const real = await approved();
    const attempts: [CurrentMember | undefined, string | undefined][] = [
      [{ ...owner, sessionId: 'stolen' }, real.browserBinding],
      [owner, 'wrong-cookie'],
      [owner, undefined],
      [otherAdmin, real.browserBinding],
      [{ ...foreignAdmin, sessionId: owner.sessionId }, real.browserBinding],
    ];
    for (const [member, binding] of attempts) {
      await expect(handleCallback(member, real.callback, binding)).resolves.toEqual({
        kind: 'done',
        outcome: 'invalid_state',
      });
    }
    // The site is already connected and this consent was a new connect, not a reconnect: accepted, and held for
    // the admin to confirm the reconnect in the site picker rather than applied silently.
    await expect(handleCallback(owner, real.callback, real.browserBinding)).resolves.toMatchObject({
      kind: 'choose_site',
    });
  });
});
