/** A check as stored in a diagnostics run's results (only what the comparison needs). */
interface StoredCheck {
  id?: unknown;
  outcome?: unknown;
}

export interface HealthChange {
  outcome: string;
  previousOutcome: string;
  checks: { id: string; from: string | null; to: string }[];
}

/**
 * The checks whose outcome differs from the previous run's. No previous run (the first diagnostics after
 * connect) is no change: connection.authorized already said the connection works. Skipped checks count as
 * their own outcome, so a check that starts or stops being skipped is a change too.
 */
export function diffHealth(
  previous: { outcome: string; results: unknown[] } | undefined,
  current: { outcome: string; results: unknown[] },
): HealthChange | null {
  if (!previous) return null;
  const before = new Map(outcomes(previous.results));
  const checks = outcomes(current.results)
    .filter(([id, outcome]) => before.get(id) !== outcome)
    .map(([id, outcome]) => ({ id, from: before.get(id) ?? null, to: outcome }));
  if (checks.length === 0 && previous.outcome === current.outcome) return null;
  return { outcome: current.outcome, previousOutcome: previous.outcome, checks };
}

function outcomes(results: unknown[]): [string, string][] {
  return results.flatMap((result) => {
    const check = result as StoredCheck;
    return typeof check?.id === 'string' && typeof check.outcome === 'string' ? [[check.id, check.outcome] as [string, string]] : [];
  });
}
