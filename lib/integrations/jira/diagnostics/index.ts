import 'server-only';

export { runDiagnostics, getLatestDiagnosticRun, listDiagnosticRuns } from './run-diagnostics';
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
