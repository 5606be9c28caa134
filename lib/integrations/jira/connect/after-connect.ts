import 'server-only';

export interface ConnectedEvent {
  orgId: string;
  connectionId: string;
  reconnected: boolean;
  actorUserId: string;
}

/**
 * Runs once a consent has been saved (connect or reconnect), before the admin is redirected.
 * Work that may be slow belongs in next/server's after(), not here.
 */
export async function afterConnect(event: ConnectedEvent): Promise<void> {
  const steps: ((event: ConnectedEvent) => Promise<void>)[] = [];
  for (const step of steps) await step(event);
}
