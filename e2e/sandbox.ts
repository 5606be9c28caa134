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
export { GRANT_TYPES, type GrantType } from '../sandbox/types';
import type { GrantType } from '../sandbox/types';
export type { IssuedTokens as SandboxTokens } from '../sandbox/routes/control';
import type { CountersSnapshot as SandboxCounters } from '../sandbox/control-state';
import type { IssuedTokens as SandboxTokens } from '../sandbox/routes/control';
import type { SandboxIssue } from '../sandbox/routes/control-issues';
import type { IssueInput, IssuePatch } from '../sandbox/world/issue-changes';

export type { SandboxIssue };

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

  private async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', route: string, body?: unknown): Promise<T> {
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

  /**
   * Injects a fault on the next `count` requests to `route` (sandbox/README.md, `POST faults`). Only `delayMs`:
   * a slow but normal answer.
   */
  async addFault(fault: { route: string; count?: number; status?: number; delayMs?: number }): Promise<void> {
    await this.call('POST', 'faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
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

  /**
   * The developer console's grant type of the sandbox's app (decision 012): `account` (the default after a
   * reset) or `resource`, for consents from now on.
   */
  async setGrantType(grantType: GrantType): Promise<void> {
    await this.call('POST', 'grant-type', { grantType });
  }

  /** The OAuth apps the sandbox knows (no secrets). */
  async apps(): Promise<{ clientId: string; name: string; callbackUrl: string; scopes: string[] }[]> {
    return (await this.call<{ apps: { clientId: string; name: string; callbackUrl: string; scopes: string[] }[] }>('GET', 'state')).apps;
  }

  /** Every token issued since the last reset (for the leak scan). */
  tokens(): Promise<SandboxTokens> {
    return this.call('GET', 'tokens');
  }

  // Issues that change over time (sandbox/README.md, "Issues that change over time"). `cloudId` defaults to
  // the scenario's first site. Every change stamps `updated` with the sandbox clock.

  createIssue(input: IssueInput, cloudId?: string): Promise<SandboxIssue> {
    return this.call('POST', 'issues', { ...input, ...(cloudId ? { cloudId } : {}) });
  }

  getIssue(idOrKey: string, cloudId?: string): Promise<SandboxIssue> {
    return this.call('GET', `issues/${encodeURIComponent(idOrKey)}${cloudId ? `?cloudId=${cloudId}` : ''}`);
  }

  updateIssue(idOrKey: string, patch: IssuePatch, cloudId?: string): Promise<SandboxIssue> {
    return this.call('PATCH', `issues/${encodeURIComponent(idOrKey)}`, { ...patch, ...(cloudId ? { cloudId } : {}) });
  }

  async deleteIssue(idOrKey: string, cloudId?: string): Promise<void> {
    await this.call('DELETE', `issues/${encodeURIComponent(idOrKey)}${cloudId ? `?cloudId=${cloudId}` : ''}`);
  }

  /** Jira's Move: same id, a new key in `projectKey`. */
  moveIssue(idOrKey: string, projectKey: string, cloudId?: string): Promise<SandboxIssue> {
    return this.call('POST', `issues/${encodeURIComponent(idOrKey)}/move`, { projectKey, ...(cloudId ? { cloudId } : {}) });
  }

  generateIssues(count: number, options: { projectKey?: string; cloudId?: string } = {}): Promise<{ created: number; firstKey: string; lastKey: string; issues: number }> {
    return this.call('POST', 'issues/generate', { count, ...options });
  }

  /** One patch on many issues: the listed ones, or the first `count` (of `projectKey`, or the site) in id order. */
  bulkUpdateIssues(target: { issues?: string[]; projectKey?: string; count?: number; cloudId?: string }, patch: IssuePatch): Promise<{ updated: number; keys: string[] }> {
    return this.call('POST', 'issues/bulk-update', { ...target, patch });
  }

  /** The token user's time zone: `myself.timeZone` and how JQL date literals are read. */
  async setUserTimeZone(timeZone: string): Promise<void> {
    await this.call('POST', 'user', { timeZone });
  }
}
