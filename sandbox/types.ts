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
}
