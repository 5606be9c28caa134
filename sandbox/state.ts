// Everything the sandbox remembers. `reset()` returns to the start state of the current scenario;
// `switchScenario()` swaps world and app configuration but keeps OAuth state, so a test can connect first
// and then change the world under Portico.
import { Clock } from './clock';
import { Counters, DEFAULT_KNOBS, type Fault, type Knobs } from './control-state';
import { AccessTokenStore } from './oauth/access-tokens';
import { defaultApp } from './oauth/apps';
import { CodeStore } from './oauth/codes';
import { ConsentStore } from './oauth/consents';
import { GrantStore } from './oauth/grants';
import { SCENARIOS, type RateLimit, type ScenarioDef, type ScenarioName } from './scenarios';
import type { GrantType, SandboxApp } from './types';
import type { SiteWorld, World } from './world/types';
import type { WebhookStore } from './routes/jira/webhook-store';
import { createWebhookStore } from './routes/jira/webhook-store';
import { WebhookDispatcher } from './webhooks/dispatcher';

export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  createdAt: number;
}

export class SandboxState {
  scenario!: ScenarioDef;
  world!: World;
  apps = new Map<string, SandboxApp>();
  consents = new ConsentStore();
  codes = new CodeStore();
  grants = new GrantStore();
  accessTokens = new AccessTokenStore();
  webhooks: WebhookStore = createWebhookStore();
  /** Sends deliveries for the webhooks above; its faults and queue go with `reset()`. */
  webhookDispatcher = new WebhookDispatcher({
    secretFor: (clientId) => this.apps.get(clientId)?.clientSecret,
    counters: () => this.counters.webhookDeliveries,
  });
  pending = new Map<string, PendingAuthorization>();
  counters = new Counters();
  knobs: Knobs = { ...DEFAULT_KNOBS };
  faults: Fault[] = [];
  clock = new Clock();
  rateWindow = { start: 0, count: 0 };
  flakySeq = 0;
  /** Client ids registered or replaced through the control API (a scenario switch leaves them alone). */
  runtimeRegistered = new Set<string>();
  /** Grant types set through the control API for start-up apps (kept across scenario switches, not reset). */
  grantTypeOverrides = new Map<string, GrantType>();

  constructor(
    private initialScenario: ScenarioName,
    private baseApps: SandboxApp[] = [defaultApp()],
  ) {
    this.reset();
  }

  reset(): void {
    this.consents = new ConsentStore();
    this.codes = new CodeStore();
    this.grants = new GrantStore();
    this.accessTokens = new AccessTokenStore();
    this.webhooks = createWebhookStore();
    this.webhookDispatcher.reset();
    this.pending.clear();
    this.counters = new Counters();
    this.knobs = { ...DEFAULT_KNOBS };
    this.faults = [];
    this.clock.offsetMs = 0;
    this.rateWindow = { start: 0, count: 0 };
    this.flakySeq = 0;
    this.apps.clear();
    this.runtimeRegistered.clear();
    this.grantTypeOverrides.clear();
    this.applyScenario(this.scenario?.name ?? this.initialScenario, true);
  }

  switchScenario(name: ScenarioName): void {
    this.applyScenario(name, false);
  }

  private applyScenario(name: ScenarioName, resetApps: boolean): void {
    this.scenario = SCENARIOS[name];
    this.world = this.scenario.buildWorld();
    this.rateWindow = { start: 0, count: 0 };
    // The scenario's console configuration applies to the apps the sandbox started with; apps registered
    // at run time through the control API keep exactly what the test registered.
    const removed = new Set(this.scenario.removedAppScopes);
    for (const app of this.baseApps) {
      if (!resetApps && this.runtimeRegistered.has(app.clientId)) continue;
      const grantType = this.grantTypeOverrides.get(app.clientId) ?? app.grantType ?? 'account';
      this.apps.set(app.clientId, { ...app, grantType, scopes: app.scopes.filter((s) => !removed.has(s)) });
    }
  }

  /** The developer console's grant type of an app; grants issued from now on follow it. */
  setGrantType(clientId: string, grantType: GrantType): boolean {
    const app = this.apps.get(clientId);
    if (!app) return false;
    this.apps.set(clientId, { ...app, grantType });
    if (!this.runtimeRegistered.has(clientId)) this.grantTypeOverrides.set(clientId, grantType);
    return true;
  }

  now(): number {
    return this.clock.now();
  }

  site(cloudId: string): SiteWorld | undefined {
    return this.world.sites.find((s) => s.cloudId === cloudId);
  }

  effectiveRateLimit(): RateLimit | null {
    return this.knobs.rateLimit ?? this.scenario.rateLimit;
  }

  setClockOffset(secs: number): void {
    this.knobs.clockOffsetSecs = secs;
    this.clock.offsetMs = secs * 1000;
  }
}
