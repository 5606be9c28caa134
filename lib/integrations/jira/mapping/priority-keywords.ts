import type { KeywordRule } from './keyword-rules';
import type { StandardPriority } from './standard-model';

/*
 * Priority-name keywords (numbered scales such as P1 or Sev2 are read separately, in suggest-priority.ts).
 * Equal-length ties go to the more severe rule, listed first: "High - Urgent" is critical.
 *
 * "None", "Not set", "Unprioritized" and friends map to UNKNOWN on purpose: they mean nobody has prioritised
 * the issue, which is not the same as "informational". Matching them by name also stops the position fallback
 * from calling them LOW just because Jira lists them last.
 */
// Kept dense on purpose: one phrase per line would make the table five times longer and harder to scan.
// prettier-ignore
export const PRIORITY_KEYWORD_RULES: readonly KeywordRule<StandardPriority>[] = [
  {
    value: 'CRITICAL',
    phrases: [
      'highest', 'blocker', 'blocking', 'critical', 'crit', 'urgent', 'emergency', 'showstopper', 'show stopper',
      'immediate', 'very high', 'asap', 'catastrophic', 'kritisch', 'dringend', 'höchste', 'sehr hoch', 'bloquant',
      'critique', 'très haute', 'urgente', 'crítica', 'crítico', 'bloqueante', 'muy alta',
    ],
  },
  {
    value: 'HIGH',
    phrases: [
      'high', 'major', 'important', 'serious', 'elevated', 'medium high', 'hoch', 'haute', 'élevée', 'alta', 'alto',
      'importante',
    ],
  },
  {
    value: 'MEDIUM',
    phrases: [
      'medium', 'normal', 'moderate', 'default', 'standard', 'average', 'mittel', 'moyenne', 'media', 'medio',
      'normale',
    ],
  },
  {
    value: 'LOW',
    phrases: [
      'low', 'minor', 'not urgent', 'non urgent', 'medium low', 'niedrig', 'gering', 'basse', 'faible', 'baja',
      'bajo', 'bassa',
    ],
  },
  {
    value: 'INFORMATIONAL',
    phrases: [
      'lowest', 'trivial', 'cosmetic', 'informational', 'info', 'information', 'very low', 'negligible', 'wishlist',
      'nice to have', 'someday', 'niedrigste', 'très basse', 'muy baja',
    ],
  },
  {
    value: 'UNKNOWN',
    phrases: [
      'none', 'not set', 'unset', 'no priority', 'unprioritized', 'unprioritised', 'undecided', 'tbd',
      'to be determined', 'needs triage', 'triage', 'undefined', 'unknown',
    ],
  },
];
