// The troubleshooting page's words about the latest run, in the same terms as the health badge ("Problems
// found" = checks failed, "Needs attention" = warnings only), and when the run no longer describes the connection.
import type { ConnectionView } from '../connection-state';
import type { ConnectionStatus } from '../connection-status';
import type { CheckOutcome, RunOutcome } from './types';

const checks = (count: number) => `${count} ${count === 1 ? 'check' : 'checks'}`;

export function resultsHeading(results: readonly { outcome: CheckOutcome }[]): string {
  const failed = results.filter((check) => check.outcome === 'failure').length;
  const warned = results.filter((check) => check.outcome === 'warning').length;
  const total = results.length;
  if (failed) return `${failed} of ${checks(total)} failed${warned ? `, ${warned} more ${warned === 1 ? 'needs' : 'need'} attention` : ''}`;
  if (warned) return `${warned} of ${checks(total)} ${warned === 1 ? 'needs' : 'need'} attention`;
  return `All ${checks(total)} passed`;
}

/** Why the latest run's results may not describe the connection as it is now; undefined when they do. */
export function resultsNote(input: {
  status: ConnectionStatus;
  connectedAt: Date | null;
  latest: { outcome: RunOutcome; finishedAt: Date };
  view: ConnectionView;
}): string | undefined {
  const { view, latest } = input;
  if (view.health.kind === 'checking') return 'A new run is in progress: these results are from the previous one and update when it finishes.';
  if (input.status === 'disconnected') return 'This connection is disconnected: these results are from its last run and no longer describe it.';
  if (input.connectedAt && latest.finishedAt < input.connectedAt) {
    return 'These results are from before the last connect: run diagnostics again to check the new authorization.';
  }
  if (input.status !== 'connected' && latest.outcome === 'pass') {
    return 'These results predate the connection’s current status: run diagnostics again to see what changed.';
  }
  if (view.health.kind === 'result' && view.health.stale) return `These results are out of date: the last run finished ${view.health.age}.`;
  return undefined;
}
