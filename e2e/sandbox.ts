/**
 * The Atlassian sandbox's control API (`/__sandbox/…`, sandbox/README.md). Plain fetch, so the
 * benchmark scripts use it too.
 */
export type ScenarioName =
  | 'default'
  | 'single-site'
  | 'missing-scopes'
  | 'restricted-projects'
  | 'expired-grant'
  | 'revoked'
  | 'rate-limited'
  | 'flaky'
  | 'big-site'
  | 'far-time-zone';

export type { CountersSnapshot as SandboxCounters } from '../sandbox/control-state';
export type { IssuedTokens as SandboxTokens } from '../sandbox/routes/control';
import type { CountersSnapshot as SandboxCounters } from '../sandbox/control-state';
import type { IssuedTokens as SandboxTokens } from '../sandbox/routes/control';

export interface SandboxKnobs {
  accessTokenLifetimeSecs?: number;
  reuseLeewaySecs?: number;
  latencyMs?: number;
  clockOffsetSecs?: number;
  advanceClockSecs?: number;
  rateLimit?: { limit: number; windowSecs: number } | null;
}


export class SandboxControl {
  constructor(readonly url: string) {}

  private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__sandbox/${route}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Sandbox control ${method} ${route} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Switches the world and app configuration; consents, grants and tokens are kept. */
  async setScenario(name: ScenarioName): Promise<void> {
    await this.call('POST', 'scenario', { name });
  }

  /** Back to the start state of the current scenario: no consents, tokens, faults; default knobs. */
  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  knobs(knobs: SandboxKnobs): Promise<Required<Omit<SandboxKnobs, 'advanceClockSecs'>>> {
    return this.call('POST', 'knobs', knobs);
  }

  counters(): Promise<SandboxCounters> {
    return this.call('GET', 'counters');
  }

  async resetCounters(): Promise<void> {
    await this.call('POST', 'counters/reset');
  }

  /** A consent the sandbox user gave this app earlier, so accessible-resources lists that site too. */
  async presetConsent(cloudIds: string[], clientId = 'portico-sandbox'): Promise<void> {
    await this.call('POST', 'consents', { clientId, cloudIds });
  }

  /** Registers (or replaces) an OAuth app at the sandbox, as an admin would in the developer console. Forgotten by reset(). */
  async registerApp(app: { clientId: string; clientSecret: string; name: string; callbackUrl: string; scopes: string[] }): Promise<void> {
    await this.call('POST', 'apps', app);
  }

  /** The OAuth apps the sandbox knows (no secrets). */
  async apps(): Promise<{ clientId: string; name: string; callbackUrl: string; scopes: string[] }[]> {
    return (await this.call<{ apps: { clientId: string; name: string; callbackUrl: string; scopes: string[] }[] }>('GET', 'state')).apps;
  }

  /** Every token issued since the last reset (for the leak scan). */
  tokens(): Promise<SandboxTokens> {
    return this.call('GET', 'tokens');
  }
}
