import 'server-only';
import { after } from 'next/server';
import { runDiagnostics } from '../diagnostics';
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

/** Diagnostics of the fresh connection, once the admin's redirect has been sent. */
async function diagnoseInBackground(event: ConnectedEvent): Promise<void> {
  const task = () =>
    runDiagnostics(event.orgId, event.connectionId, {
      trigger: event.reconnected ? 'after_reconnect' : 'after_connect',
      actorUserId: event.actorUserId,
    }).then(
      () => undefined,
      (error: unknown) => console.error('[jira diagnostics] after-connect run failed', error instanceof Error ? error.name : 'unknown'),
    );
  try {
    after(task);
  } catch {
    // No request to run after (tests, scripts): nothing runs in the background.
  }
  return Promise.resolve();
}

/**
 * Runs once a consent has been saved (connect or reconnect), before the admin is redirected.
 * Work that may be slow belongs in next/server's after(), not here. A step must never break the
 * connect: the consent is already saved. Names are resolved first, so diagnostics see the result.
 */
export async function afterConnect(event: ConnectedEvent): Promise<void> {
  const steps: ((event: ConnectedEvent) => Promise<void>)[] = [resolveNamesFromApi, diagnoseInBackground];
  for (const step of steps) {
    try {
      await step(event);
    } catch (error) {
      console.error('[jira connect] after-connect step failed', error instanceof Error ? error.name : 'unknown');
    }
  }
}
