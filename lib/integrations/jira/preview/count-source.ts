// Where a preview's issue counts come from. Today only Jira's search/approximate-count exists; once
// issue sync stores tickets, a connection whose sync has completed answers from them with no Jira
// call at all, and this is the one place that makes that choice.
export type CountSource = { kind: 'jira_approximate_count'; reason: 'no_synced_tickets' };

export function pickCountSource(_connection: { syncedTickets?: false }): CountSource {
  return { kind: 'jira_approximate_count', reason: 'no_synced_tickets' };
}
