import 'server-only';
import { resolveRequestedNames } from './resolve-requested-names';

export interface ConnectedEvent {
  orgId: string;
  connectionId: string;
  reconnected: boolean;
  actorUserId: string;
}

/** Names given through the API become ids once the site is known. It never throws (see the step). */
async function resolveNamesFromApi(event: ConnectedEvent): Promise<void> {
  await resolveRequestedNames(event.orgId, event.connectionId, event.actorUserId);
}

/**
 * Runs once a consent has been saved (connect or reconnect), before the admin is redirected.
 * Work that may be slow belongs in next/server's after(), not here.
 */
export async function afterConnect(event: ConnectedEvent): Promise<void> {
  const steps: ((event: ConnectedEvent) => Promise<void>)[] = [resolveNamesFromApi];
  for (const step of steps) await step(event);
}
