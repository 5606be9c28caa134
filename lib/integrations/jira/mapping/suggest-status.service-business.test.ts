import { describe, expect, it } from 'vitest';
import { isOpenWorkStatus, type StandardStatus } from './standard-model';
import type { StatusCategory } from './status-category';
import { suggestStatus } from './suggest-status';
import type { SuggestionConfidence } from './suggestion';

// Jira Service Management (IT service, ITSM incident/change/problem), Jira Work Management business templates,
// and localised names from German, French, Spanish, Portuguese and Italian sites.
type Row = [name: string, category: StatusCategory, expected: StandardStatus, confidence: SuggestionConfidence];

const rows: Row[] = [
  ['Waiting for support', 'TODO', 'OPEN', 'high'],
  ['Waiting for customer', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Pending', 'IN_PROGRESS', 'PENDING', 'medium'],
  ['Escalated', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Work in progress', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Awaiting CAB approval', 'TODO', 'TODO', 'low'],
  ['Awaiting implementation', 'TODO', 'TODO', 'high'],
  ['Implementing', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Peer review / change manager approval', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Completed', 'DONE', 'CLOSED', 'high'],
  ['Canceled', 'DONE', 'CANCELLED', 'high'],
  ['Declined', 'DONE', 'CANCELLED', 'high'],
  ['Resolved', 'DONE', 'RESOLVED', 'high'],
  ['Closed', 'DONE', 'CLOSED', 'high'],
  ['Open', 'TODO', 'OPEN', 'high'],
  ['Under investigation', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Under review', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Waiting for approval', 'TODO', 'TODO', 'low'],
  ['Investigating', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Failed', 'DONE', 'CLOSED', 'low'],
  ['Planning', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Authorize', 'TODO', 'TODO', 'low'],
  ['Awaiting approval', 'TODO', 'TODO', 'low'],
  ['Pending approval', 'TODO', 'TODO', 'low'],
  ['Waiting for third party', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Waiting for vendor', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Awaiting customer response', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Needs info', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Waiting', 'IN_PROGRESS', 'BLOCKED', 'medium'],
  ['Assigned', 'TODO', 'TODO', 'low'],
  ['Acknowledged', 'TODO', 'TODO', 'low'],
  ['Scheduled', 'TODO', 'TODO', 'high'],
  ['Implemented', 'DONE', 'CLOSED', 'low'],
  ['Withdrawn', 'DONE', 'CANCELLED', 'high'],
  ['Pending closure', 'DONE', 'RESOLVED', 'high'],
  ['Monitoring', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Pending', 'DONE', 'RESOLVED', 'low'],
  ['Waiting for customer', 'DONE', 'CLOSED', 'low'],
  ['Lead', 'TODO', 'TODO', 'low'],
  ['Contacted', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Qualified', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['In Negotiation', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Won', 'DONE', 'CLOSED', 'high'],
  ['Lost', 'DONE', 'CANCELLED', 'high'],
  ['In review', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Approved', 'DONE', 'CLOSED', 'high'],
  ['Approved', 'TODO', 'TODO', 'low'],
  ['Rejected', 'DONE', 'CANCELLED', 'high'],
  ['Draft', 'TODO', 'TODO', 'low'],
  ['Published', 'DONE', 'CLOSED', 'high'],
  ['Applications', 'TODO', 'TODO', 'low'],
  ['Screening', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Interview', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Offer', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Hired', 'DONE', 'CLOSED', 'high'],
  ['Requested', 'TODO', 'OPEN', 'high'],
  ['Purchased', 'DONE', 'CLOSED', 'low'],
  ['Ordered', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Copywriting', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Erledigt', 'DONE', 'CLOSED', 'high'],
  ['Terminé', 'DONE', 'CLOSED', 'high'],
  ['En curso', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['En cours', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['In Bearbeitung', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['In Arbeit', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Offen', 'TODO', 'OPEN', 'high'],
  ['Zu erledigen', 'TODO', 'TODO', 'high'],
  ['À faire', 'TODO', 'TODO', 'high'],
  ['Por hacer', 'TODO', 'TODO', 'high'],
  ['Hecho', 'DONE', 'CLOSED', 'high'],
  ['Cerrado', 'DONE', 'CLOSED', 'high'],
  ['Fermé', 'DONE', 'CLOSED', 'high'],
  ['Résolu', 'DONE', 'RESOLVED', 'high'],
  ['Abgeschlossen', 'DONE', 'CLOSED', 'high'],
  ['Geschlossen', 'DONE', 'CLOSED', 'high'],
  ['Fertig', 'DONE', 'CLOSED', 'high'],
  ['En revisión', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Bloqueado', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Annulé', 'DONE', 'CANCELLED', 'high'],
  ['Abgelehnt', 'DONE', 'CANCELLED', 'high'],
  ['Rechazado', 'DONE', 'CANCELLED', 'high'],
  ['Nuevo', 'TODO', 'OPEN', 'high'],
  ['Em andamento', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Chiuso', 'DONE', 'CLOSED', 'high'],
  ['In corso', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Concluído', 'DONE', 'CLOSED', 'high'],
  ['Finalizado', 'DONE', 'CLOSED', 'high'],
  ['Nouveau', 'TODO', 'OPEN', 'high'],
  ['En attente', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Zurückgestellt', 'TODO', 'TODO', 'low'],
  ['Gelöst', 'DONE', 'RESOLVED', 'high'],
];

describe('suggestStatus on service-desk, business and localised statuses', () => {
  it.each(rows)('%s (category %s) -> %s, %s confidence', (name, category, expected, confidence) => {
    const suggestion = suggestStatus({ name, category });
    expect({ value: suggestion.value, confidence: suggestion.confidence }).toEqual({ value: expected, confidence });
  });

  it('never suggests open work for a status in the Done category', () => {
    for (const [name, category] of rows.filter((row) => row[1] === 'DONE')) {
      expect(isOpenWorkStatus(suggestStatus({ name, category }).value), name).toBe(false);
    }
  });
});
