import 'server-only';
import type { JiraIssue } from '../client';
import { log } from '@/lib/observability/request-context';
import { normalizeIssue, type MappingInForce, type NormalizedTicket } from './normalize-issue';

/**
 * Normalizes a page with the mapping the commit locked. An issue Jira answered in a shape Portico cannot
 * read is left out and logged by id (never its values); the rest of the page still lands.
 */
export function normalizePage(connectionId: string, issues: JiraIssue[]) {
  return (mapping: MappingInForce): NormalizedTicket[] => {
    const tickets: NormalizedTicket[] = [];
    for (const issue of issues) {
      const result = normalizeIssue(issue, mapping);
      if (result.ok) tickets.push(result.ticket);
      else log().warn({ connectionId, issueId: result.issueId, problems: result.problems }, 'jira issue skipped: unreadable shape');
    }
    return tickets;
  };
}
