import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import { rootLogger } from './logger';

/*
 * Per-request log context: the route wrapper opens one, guards and resolvers add the organization and
 * connection as they learn them, and everything below (Jira client, token store, jobs) logs through
 * `log()` without threading a logger through every signature.
 */

interface RequestContext {
  requestId: string;
  bindings: Record<string, string>;
  logger: Logger;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(requestId: string, bindings: Record<string, string>, run: () => T): T {
  const logger = rootLogger().child({ requestId, ...bindings });
  return storage.run({ requestId, bindings: { ...bindings }, logger }, run);
}

/** The current request's logger, or the root logger outside a request (schedulers, start-up). */
export function log(): Logger {
  return storage.getStore()?.logger ?? rootLogger();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Adds ids to every later line of this request, e.g. once the session has named the organization. */
export function bindLogContext(fields: { orgId?: string; connectionId?: string }): void {
  const context = storage.getStore();
  if (!context) return;
  const added = Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && context.bindings[entry[0]] !== entry[1],
    ),
  );
  if (Object.keys(added).length === 0) return;
  Object.assign(context.bindings, added);
  context.logger = context.logger.child(added);
}
