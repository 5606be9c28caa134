/*
 * Jira reports a status's category in two shapes:
 *  - an object on `GET /rest/api/3/project/{key}/statuses` and `/status`:
 *    { id: 1|2|3|4, key: 'undefined'|'new'|'indeterminate'|'done', colorName, name }
 *  - a bare string on `GET /rest/api/3/statuses/search`: 'TODO' | 'IN_PROGRESS' | 'DONE' (and 'UNDEFINED').
 * Everything in Portico works on the normalised string below.
 */

export const STATUS_CATEGORIES = ['TODO', 'IN_PROGRESS', 'DONE', 'UNDEFINED'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export type JiraStatusCategoryObject = {
  id?: number;
  key?: string;
  name?: string;
  colorName?: string;
};

/** Anything a Jira endpoint may hand us for a status's category, including nothing at all. */
export type StatusCategoryInput = JiraStatusCategoryObject | string | null | undefined;

const BY_KEY: Record<string, StatusCategory> = {
  new: 'TODO',
  indeterminate: 'IN_PROGRESS',
  done: 'DONE',
  undefined: 'UNDEFINED',
  // The string form, lower-cased.
  todo: 'TODO',
  in_progress: 'IN_PROGRESS',
};

// Ids of the four built-in categories (GET /rest/api/3/statuscategory). Note 3 is Done and 4 is In Progress.
const BY_ID: Record<number, StatusCategory> = { 1: 'UNDEFINED', 2: 'TODO', 3: 'DONE', 4: 'IN_PROGRESS' };

// Jira localises `name` to the site language, so it is the last resort, after `key` and `id`.
const BY_NAME: Record<string, StatusCategory> = {
  'to do': 'TODO',
  'in progress': 'IN_PROGRESS',
  done: 'DONE',
  'no category': 'UNDEFINED',
};

export function normalizeStatusCategory(input: StatusCategoryInput): StatusCategory {
  if (input == null) return 'UNDEFINED';
  if (typeof input === 'string') return BY_KEY[input.trim().toLowerCase()] ?? 'UNDEFINED';
  const fromKey = input.key === undefined ? undefined : BY_KEY[input.key.toLowerCase()];
  const fromId = input.id === undefined ? undefined : BY_ID[input.id];
  const fromName = input.name === undefined ? undefined : BY_NAME[input.name.trim().toLowerCase()];
  return fromKey ?? fromId ?? fromName ?? 'UNDEFINED';
}

export type StatusCategoryTone = 'neutral' | 'info' | 'success' | 'muted';

/*
 * `jiraColorName` is what Jira sends; `tone` is what our badges use. Jira's new UI draws In Progress blue
 * although the API still says "yellow", so the tone follows what users see in Jira today.
 */
export const STATUS_CATEGORY_DISPLAY: Record<
  StatusCategory,
  { label: string; jiraColorName: string; tone: StatusCategoryTone }
> = {
  TODO: { label: 'To Do', jiraColorName: 'blue-gray', tone: 'neutral' },
  IN_PROGRESS: { label: 'In Progress', jiraColorName: 'yellow', tone: 'info' },
  DONE: { label: 'Done', jiraColorName: 'green', tone: 'success' },
  UNDEFINED: { label: 'No Category', jiraColorName: 'medium-gray', tone: 'muted' },
};
