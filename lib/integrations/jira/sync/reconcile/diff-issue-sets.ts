/** A ticket as reconciliation compares it. */
export interface CurrentTicket {
  externalId: string;
  key: string;
  lastSyncedAt: Date;
}

export interface IssueSetDiff {
  /** Current in Portico, absent from Jira's listing, and written before `syncedBefore`: to be marked deleted. */
  missing: CurrentTicket[];
  /** Listed by Jira, not current in Portico. */
  extra: { id: string; key: string }[];
}

/**
 * Jira's listing against Portico's current tickets, by Jira issue id (keys change on moves). A ticket written
 * at or after `syncedBefore` is judged by neither side: it may be newer than the listing.
 */
export function diffIssueSets(jira: readonly { id: string; key: string }[], current: readonly CurrentTicket[], syncedBefore: Date): IssueSetDiff {
  const inJira = new Set(jira.map((issue) => issue.id));
  const inPortico = new Set(current.map((ticket) => ticket.externalId));
  return {
    missing: current.filter((ticket) => !inJira.has(ticket.externalId) && ticket.lastSyncedAt < syncedBefore),
    extra: jira.filter((issue) => !inPortico.has(issue.id)),
  };
}
