import type { KeywordRule } from './keyword-rules';
import type { StandardStatus } from './standard-model';

/*
 * Status-name keywords. Phrases are written as people type them; matching is on words, case and accents
 * ignored, apostrophes dropped ("won't" = "wont"). See keyword-rules.ts for the precedence.
 *
 * Within the normal strength, equal-length ties go to the rule listed first, and open-work rules are listed
 * before finished ones on purpose: "Analysis Done" or "Deployed to Staging" are mid-workflow steps, and when a
 * status really is finished its Done category turns the suggestion into a finished state anyway.
 *
 * These tables pick a value from the name alone; suggest-status.ts then keeps it inside the family of Jira's
 * category (To Do, In Progress, Done), so a keyword never moves a status across families.
 *
 * Judgement calls (a newcomer would ask):
 *  - "Waiting for support" is OPEN, not BLOCKED: in Jira Service Management it is the agent's own queue (new
 *    requests land there), so calling it blocked would hide the team's backlog. "Waiting for customer" is BLOCKED.
 *  - "Ready for release", "Awaiting deployment" are RESOLVED (done, awaiting closure), not PENDING, which means
 *    validation or testing still to happen.
 *  - "Verify"/"Verification" is PENDING (checking still to do); "Verified"/"Tested" is RESOLVED.
 *  - "QA" and "In QA" are IN_REVIEW; "Ready for QA" and "Testing" are PENDING.
 *  - "Approved" is CLOSED: it ends the approval workflows of business projects.
 */
// Kept dense on purpose: one phrase per line would make the table five times longer and harder to scan.
// prettier-ignore
export const STATUS_KEYWORD_RULES: readonly KeywordRule<StandardStatus>[] = [
  {
    value: 'CANCELLED',
    strength: 'override',
    phrases: [
      'cancelled', 'canceled', 'cancel', 'rejected', 'declined', 'denied', 'duplicate', 'duplicated', "won't do",
      "won't fix", 'will not do', 'will not fix', "won't implement", 'not a bug', 'cannot reproduce',
      "can't reproduce", 'not reproducible', 'works as designed', 'works as intended', 'abandoned', 'obsolete',
      'invalid', 'withdrawn', 'discarded', 'dropped', 'out of scope', 'not needed', 'not required', 'lost', 'annulé',
      'abandonné', 'rejeté', 'refusé', 'abgebrochen', 'abgelehnt', 'storniert', 'verworfen', 'cancelado', 'cancelada',
      'rechazado', 'rechazada', 'descartado', 'annullato', 'rifiutato',
      "won't", 'will not', 'not a problem', 'not an issue', 'works for me', 'incomplete', 'not being considered',
    ],
  },
  {
    value: 'BLOCKED',
    strength: 'override',
    phrases: [
      'blocked', 'on hold', 'hold', 'impediment', 'impeded', 'paused', 'suspended', 'stalled', 'parked', 'deferred',
      'postponed', 'frozen', 'blockiert', 'zurückgestellt', 'bloqué', 'bloqueado', 'bloccato',
    ],
  },
  {
    value: 'BLOCKED',
    phrases: [
      'waiting for customer', 'waiting on customer', 'awaiting customer', 'pending customer', 'waiting for reporter',
      'waiting for info', 'waiting for information', 'need info', 'needs info', 'needs information',
      'more info needed', 'awaiting info', 'waiting for third party', 'waiting for vendor', 'waiting on vendor',
      'with vendor', 'external dependency', 'en attente', 'en espera',
      'awaiting vendor', 'waiting for supplier', 'awaiting supplier', 'waiting for feedback', 'awaiting feedback',
      'waiting for user', 'waiting for user input', 'awaiting user input', 'awaiting response',
    ],
  },
  {
    value: 'IN_REVIEW',
    phrases: [
      'review', 'in review', 'under review', 'reviewing', 'code review', 'peer review', 'ready for review',
      'waiting for review', 'awaiting review', 'pending review', 'review requested', 'qa', 'in qa', 'approval',
      'waiting for approval', 'awaiting approval', 'pending approval', 'needs approval', 'cab approval',
      'change manager approval', 'sign off', 'signoff', 'pull request', 'merge request', 'ready to merge',
      'ready for merge', 'authorize', 'authorise', 'en revue', 'relecture', 'en revisión', 'in revisione',
      'in prüfung', 'prüfung', 'freigabe',
      'patch available', 'review in progress', 'ready to commit', 'needs committer', 'reviewable',
    ],
  },
  {
    value: 'PENDING',
    phrases: [
      'testing', 'test', 'tests', 'in test', 'in testing', 'under test', 'ready for test', 'ready for testing',
      'ready to test', 'ready for qa', 'waiting for qa', 'awaiting qa', 'awaiting testing', 'qa testing', 'verify',
      'to verify', 'verification', 'verifying', 'awaiting verification', 'pending verification', 'validation',
      'validate', 'validating', 'pending validation', 'awaiting validation', 'uat', 'in uat', 'ready for uat',
      'user acceptance', 'acceptance', 'acceptance testing', 'staging', 'dev done', 'development done',
      'dev complete', 'development complete', 'code complete', 'en test', 'en pruebas', 'en prueba', 'im test',
      'abnahme', 'on qa',
    ],
  },
  {
    value: 'IN_PROGRESS',
    phrases: [
      'in progress', 'progress', 'work in progress', 'wip', 'doing', 'in development', 'development', 'developing',
      'in dev', 'dev', 'implementing', 'implementation', 'working', 'working on it', 'started', 'in work',
      'investigating', 'under investigation', 'investigation', 'escalated', 'active', 'in analysis', 'analysis',
      'analysing', 'analyzing', 'in design', 'designing', 'fixing', 'ongoing', 'in process', 'rework', 'needs rework',
      'test failed', 'failed testing', 'qa failed', 'failed qa', 'en cours', 'en curso', 'en progreso', 'in arbeit',
      'in bearbeitung', 'in umsetzung', 'em andamento', 'in corso', 'in lavorazione',
      'changes requested', 'changes suggested',
    ],
  },
  {
    value: 'TODO',
    phrases: [
      'to do', 'todo', 'backlog', 'selected for development', 'ready for development', 'ready for dev',
      'ready to start', 'ready for work', 'not started', 'planned', 'scheduled', 'queued', 'in queue', 'up next',
      'icebox', 'accepted', 'prioritized', 'prioritised', 'groomed', 'refined', 'awaiting implementation',
      'waiting for implementation', 'à faire', 'por hacer', 'zu erledigen', 'da fare',
      'needs scheduling', 'short term backlog', 'long term backlog',
    ],
  },
  { value: 'TODO', wholeName: true, phrases: ['ready', 'next'] },
  {
    value: 'OPEN',
    phrases: [
      'open', 'opened', 'reopened', 'reopen', 're-opened', 'new', 'triage', 'needs triage', 'untriaged', 'submitted',
      'created', 'raised', 'reported', 'requested', 'unconfirmed', 'waiting for support', 'offen', 'neu', 'ouvert',
      'nouveau', 'abierto', 'nuevo', 'aberto', 'aperto',
      'awaiting assignment', 'waiting for assignment', 'unassigned', 'triage needed',
    ],
  },
  {
    value: 'RESOLVED',
    phrases: [
      'resolved', 'fixed', 'verified', 'tested', 'qa passed', 'passed qa', 'qa done', 'qa approved', 'test passed',
      'testing done', 'testing complete', 'ready for release', 'ready to release', 'ready for deployment',
      'ready to deploy', 'ready for production', 'ready for prod', 'awaiting deployment', 'awaiting release',
      'waiting for deployment', 'waiting for release', 'pending deployment', 'pending release', 'to deploy', 'merged',
      'ready to close', 'pending closure', 'awaiting closure', 'résolu', 'gelöst', 'behoben', 'resuelto', 'resuelta',
      'risolto', 'resolvido',
    ],
  },
  {
    value: 'CLOSED',
    phrases: [
      'done', 'closed', 'complete', 'completed', 'finished', 'shipped', 'released', 'deployed', 'delivered',
      'in production', 'published', 'won', 'hired', 'approved', 'archived', 'erledigt', 'abgeschlossen',
      'geschlossen', 'fertig', 'terminé', 'terminée', 'fermé', 'clos', 'clôturé', 'achevé', 'hecho', 'cerrado',
      'cerrada', 'completado', 'terminado', 'finalizado', 'concluido', 'fechado', 'chiuso', 'completato',
    ],
  },
  { value: 'CLOSED', wholeName: true, phrases: ['live'] },
  { value: 'BLOCKED', strength: 'weak', phrases: ['waiting', 'awaiting', 'wait'] },
  { value: 'PENDING', strength: 'weak', phrases: ['pending'] },
];
