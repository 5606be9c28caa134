import 'server-only';
import { isAdvisoryLockHeld } from '@/db/advisory-lock';
import { listLatestRunOutcomes } from '@/db/queries/jira-diagnostics';
import { deriveConnectionState, type ConnectionView } from './connection-state';
import type { ConnectionStatus } from './connection-status';
import { toRunOutcome } from './diagnostics/types';

/** The facts the state model needs, read for each connection; the derivation itself is pure (connection-state.ts). */
export async function withConnectionViews<T extends { id: string; status: ConnectionStatus; connectedAt: Date | null }>(
  orgId: string,
  connections: readonly T[],
): Promise<(T & { view: ConnectionView })[]> {
  const ids = connections.map((connection) => connection.id);
  const [latestRuns, running] = await Promise.all([
    listLatestRunOutcomes(orgId, ids),
    Promise.all(ids.map((id) => isAdvisoryLockHeld({ namespace: 'diagnostics', id }))),
  ]);
  const latest = new Map(latestRuns.map((run) => [run.connectionId, { outcome: toRunOutcome(run.outcome), finishedAt: run.finishedAt }]));
  const now = new Date();
  return connections.map((connection, index) => ({
    ...connection,
    view: deriveConnectionState({
      status: connection.status,
      connectedAt: connection.connectedAt,
      latest: latest.get(connection.id) ?? null,
      checkRunning: running[index] === true,
      now,
    }),
  }));
}

/** One connection's view, for its own page and troubleshooting. */
export async function getConnectionView(
  orgId: string,
  connection: { id: string; status: ConnectionStatus; connectedAt: Date | null },
): Promise<ConnectionView> {
  const [only] = await withConnectionViews(orgId, [connection]);
  return only?.view ?? deriveConnectionState({ ...connection, latest: null, checkRunning: false, now: new Date() });
}
