// STUB: replaced by the diagnostics branch at merge
import 'server-only';

export interface CheckResult {
  id: string;
  title: string;
  outcome: 'pass' | 'warning' | 'failure' | 'skipped';
  summary: string;
  evidence: { asked: string; answered: string }[];
  remedy: string | null;
  action: string | null;
}

export interface DiagnosticRun {
  id: string;
  connectionId: string;
  trigger: string;
  outcome: 'pass' | 'warning' | 'failure';
  startedAt: Date;
  finishedAt: Date;
  checks: CheckResult[];
}

const runs = new Map<string, DiagnosticRun>();

export function runDiagnostics(
  orgId: string,
  connectionId: string,
  options: { trigger: 'api'; actorUserId?: string },
): Promise<DiagnosticRun | undefined> {
  const now = new Date();
  const run: DiagnosticRun = {
    id: `stub-${now.getTime()}`,
    connectionId,
    trigger: options.trigger,
    outcome: 'pass',
    startedAt: now,
    finishedAt: now,
    checks: [
      { id: 'stub', title: 'Stub check', outcome: 'pass', summary: 'Diagnostics are stubbed on this branch.', evidence: [], remedy: null, action: null },
    ],
  };
  runs.set(`${orgId}:${connectionId}`, run);
  return Promise.resolve(run);
}

export function getLatestDiagnosticRun(orgId: string, connectionId: string): Promise<DiagnosticRun | undefined> {
  return Promise.resolve(runs.get(`${orgId}:${connectionId}`));
}
