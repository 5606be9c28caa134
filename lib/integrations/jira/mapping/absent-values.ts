// Pure: what Portico can honestly say about a mapped Jira value that is not among the values in use.
// Only Jira saying the value no longer exists makes it "Removed from Jira" (and prunable); a value
// the current read path does not show keeps its mapping and its last known name.
import type { StatusCategory } from './status-category';

export type Absence =
  /** Jira's complete site-wide list no longer has it (or, for priorities, the priority list). */
  | 'removed_from_jira'
  /** It exists, but no workflow of a visible project in the filter uses it. */
  | 'not_in_use'
  /** Portico cannot see it: the authorizing user cannot see the projects using it, or it was deleted. */
  | 'not_visible';

export interface AbsentValue {
  absence: Absence;
  name: string;
  category?: StatusCategory;
}

export interface StatusKnowledge {
  /** Statuses that exist on the site but are not in use (metadata `otherStatuses`). */
  otherStatuses?: readonly { id: string; name: string; category: StatusCategory }[];
  /** Whether the site-wide status list was read completely (metadata `stats.siteStatusesListed`). */
  siteStatusesListed?: boolean;
  /** Names as they were when the mapping was last saved. */
  snapshot?: Readonly<Record<string, { name: string; category?: StatusCategory }>>;
}

export function describeAbsentStatus(id: string, knowledge: StatusKnowledge): AbsentValue {
  const other = knowledge.otherStatuses?.find((status) => status.id === id);
  if (other) return { absence: 'not_in_use', name: other.name, category: other.category };
  const saved = knowledge.snapshot?.[id];
  const named = saved ? { name: saved.name, ...(saved.category ? { category: saved.category } : {}) } : { name: `Status ${id}` };
  return { absence: knowledge.siteStatusesListed ? 'removed_from_jira' : 'not_visible', ...named };
}

/** Jira's priority list is site-wide for every user, so a priority missing from it was removed. */
export function describeAbsentPriority(id: string, snapshot?: Readonly<Record<string, { name: string }>>): AbsentValue {
  return { absence: 'removed_from_jira', name: snapshot?.[id]?.name ?? `Priority ${id}` };
}

export const ABSENCE_TEXT: Record<Absence, { badge: string; explanation: string }> = {
  removed_from_jira: {
    badge: 'Removed from Jira',
    explanation: 'Jira no longer has this value. Prune the mapping; it no longer affects any issue.',
  },
  not_in_use: {
    badge: 'Not used by synced projects',
    explanation: 'It exists in Jira, but no project Portico syncs uses it. The mapping is kept in case a project starts using it.',
  },
  not_visible: {
    badge: 'Not visible to the authorizing user',
    explanation:
      'The Jira user who connected Portico cannot see a project using it (or it was deleted). The mapping is kept; grant that user Browse Projects, or reconnect with manage:jira-configuration so Portico can tell.',
  },
};
