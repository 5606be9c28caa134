// Builds the sandbox's request handler and state without binding a port (server.ts binds; tests may tap).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRouter } from './http/router';
import { sendJson } from './http/respond';
import { defaultApp } from './oauth/apps';
import type { JiraTap } from './routes/jira/gateway';
import type { ScenarioName } from './scenarios';
import { SandboxState } from './state';
import type { SandboxApp } from './types';
import { sandboxLogger } from './log';

export interface SandboxAppOptions {
  scenario?: ScenarioName;
  apps?: SandboxApp[];
  tap?: JiraTap;
}

export function createSandboxApp(options: SandboxAppOptions = {}) {
  const apps = options.apps ?? [defaultApp()];
  const state = new SandboxState(options.scenario ?? 'default', apps);
  const hung = new Set<ServerResponse>();
  const route = createRouter(state, { tap: options.tap, hung });
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      // The error only (message and stack): request bodies may hold tokens.
      sandboxLogger().error({ err: error, method: req.method }, 'sandbox: unhandled error');
      sendJson(res, { status: 500, body: { errorMessages: ['Internal server error'], errors: {} } });
    });
  };
  return { state, handler, hung };
}
