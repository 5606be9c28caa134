// Public types of the sandbox (the interface other engineers build Portico against).
export type { ScenarioName } from './scenarios';

/** An OAuth 2.0 (3LO) app as registered in Atlassian's developer console. */
export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Exactly one callback URL, matched exactly. */
  callbackUrl: string;
  /** Scopes configured for the app in the console. */
  scopes: string[];
  /**
   * Chosen when the app is created in the developer console (docs/decisions/012-grants-per-consent.md).
   * account: one grant per account; a later consent adds sites and every token reaches all of them.
   * resource: each consent covers only the site picked on the consent screen. Default account.
   */
  grantType?: GrantType;
}

export const GRANT_TYPES = ['account', 'resource'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
