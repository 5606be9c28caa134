import 'server-only';

export { runDiagnostics, runDiagnosticsUnlessCooling, getLatestDiagnosticRun, listDiagnosticRuns } from './run-diagnostics';
export type { CooledRun } from './run-diagnostics';
export type {
  CheckAction,
  CheckEvidence,
  CheckId,
  CheckOutcome,
  CheckResult,
  DiagnosticRun,
  DiagnosticTrigger,
  RunOutcome,
} from './types';
