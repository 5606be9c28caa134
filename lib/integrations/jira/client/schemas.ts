import { z } from 'zod';

// Response schemas for the Jira Cloud REST v3 calls Portico makes. Only the fields Portico reads
// are declared; zod objects strip unknown keys, so Atlassian adding fields never breaks parsing.
// Shapes checked against sandbox/reference/jira-platform-openapi.json and the recorded responses.

// Jira sends `null` for hidden or unset optional fields (e.g. emailAddress under privacy settings).
const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

export const accessibleResourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  scopes: z.array(z.string()),
  avatarUrl: optionalString,
});
export type AccessibleResource = z.infer<typeof accessibleResourceSchema>;

export const myselfSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  emailAddress: optionalString,
  active: z.boolean(),
  accountType: z.string(),
  /** IANA zone; Jira reads the dates in this user's JQL in it. Hidden by some privacy settings. */
  timeZone: optionalString,
});
export type JiraMyself = z.infer<typeof myselfSchema>;

/** Offset pagination used by project/search, statuses/search and priority/search. */
export function pageBeanSchema<T extends z.ZodType>(item: T) {
  return z.object({
    startAt: z.number().int(),
    maxResults: z.number().int(),
    total: z.number().int().optional(),
    isLast: z.boolean().optional(),
    values: z.array(item),
  });
}
export type PageBean<T> = { startAt: number; maxResults: number; total?: number; isLast?: boolean; values: T[] };

export const projectSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  projectTypeKey: z.string(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
  simplified: z.boolean().optional(),
  style: z.string().optional(),
});
export type JiraProject = z.infer<typeof projectSchema>;

export const statusCategorySchema = z.object({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  colorName: z.string(),
});
export type JiraStatusCategory = z.infer<typeof statusCategorySchema>;

const statusScopeSchema = z.object({
  type: z.string(),
  project: z.object({ id: z.string() }).nullish(),
});

/** A status as returned by `status` and `project/{key}/statuses` (category is an object). */
export const statusDetailsSchema = z.object({
  id: z.string(),
  name: z.string(),
  untranslatedName: z.string().optional(),
  description: optionalString,
  statusCategory: statusCategorySchema,
  scope: statusScopeSchema.nullish(),
});
export type JiraStatusDetails = z.infer<typeof statusDetailsSchema>;

export const issueTypeWithStatusesSchema = z.object({
  id: z.string(),
  name: z.string(),
  subtask: z.boolean(),
  statuses: z.array(statusDetailsSchema),
});
export type JiraIssueTypeWithStatuses = z.infer<typeof issueTypeWithStatusesSchema>;

/** A status as returned by `statuses/search`: here the category is an enum string, not an object. */
export const searchedStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: optionalString,
  statusCategory: z.enum(['TODO', 'IN_PROGRESS', 'DONE']),
  scope: statusScopeSchema.optional(),
  // Not in the published JiraStatus schema; tolerated in whatever shape and dropped if unexpected.
  usages: z
    .array(z.object({ project: z.object({ id: z.string() }).nullish(), issueTypes: z.array(z.string()).nullish() }))
    .optional()
    .catch(undefined),
});
export type JiraSearchedStatus = z.infer<typeof searchedStatusSchema>;

export const prioritySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: optionalString,
  statusColor: optionalString,
  iconUrl: optionalString,
  isDefault: z.boolean().optional(),
});
export type JiraPriority = z.infer<typeof prioritySchema>;

export const userPermissionSchema = z.object({
  id: z.string().optional(),
  key: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  havePermission: z.boolean(),
});
export const myPermissionsSchema = z.object({ permissions: z.record(z.string(), userPermissionSchema) });
export type JiraUserPermission = z.infer<typeof userPermissionSchema>;

export const approximateCountSchema = z.object({ count: z.number().int() });

export const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()).default({}),
});
export type JiraIssue = z.infer<typeof issueSchema>;

// search/jql has no `total`; the spec says `nextPageToken` is absent or null on the last page.
export const searchIssuesSchema = z.object({
  issues: z.array(issueSchema),
  nextPageToken: optionalString,
  isLast: z.boolean().optional(),
});
export type JiraIssueSearchPage = z.infer<typeof searchIssuesSchema>;

/** POST webhook: one result per requested webhook, in order: an id, or Jira's reasons for refusing it. */
export const registeredWebhooksSchema = z.object({
  webhookRegistrationResult: z.array(
    z.object({ createdWebhookId: z.number().int().optional(), errors: z.array(z.string()).optional() }),
  ),
});

/**
 * PUT webhook/refresh. The OpenAPI schema says int64 milliseconds; its example shows a date-time string
 * ("2019-06-01T12:42:30.000+0000"), so both are read. Null when neither parses.
 */
export const webhookExpirySchema = z.object({
  expirationDate: z.union([z.number(), z.string()]).transform((value) => {
    const date = new Date(typeof value === 'number' ? value : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(date.getTime()) ? null : date;
  }),
});
