import { z } from 'zod';

/*
 * Portico's standard model: every Jira status and priority maps to exactly one of these values, so reports
 * and the public API never depend on a customer's workflow names. Order is display order in the editor.
 */

export const STANDARD_STATUSES = [
  'OPEN',
  'TODO',
  'IN_PROGRESS',
  'IN_REVIEW',
  'BLOCKED',
  'PENDING',
  'RESOLVED',
  'CLOSED',
  'CANCELLED',
  'UNKNOWN',
] as const;

export const StandardStatusSchema = z.enum(STANDARD_STATUSES, {
  error: `Choose one of the standard statuses: ${STANDARD_STATUSES.join(', ')}.`,
});
export type StandardStatus = z.infer<typeof StandardStatusSchema>;

export const STANDARD_PRIORITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNKNOWN'] as const;

export const StandardPrioritySchema = z.enum(STANDARD_PRIORITIES, {
  error: `Choose one of the standard priorities: ${STANDARD_PRIORITIES.join(', ')}.`,
});
export type StandardPriority = z.infer<typeof StandardPrioritySchema>;

type Described = { label: string; description: string };

export const STANDARD_STATUS_INFO: Record<StandardStatus, Described> = {
  OPEN: { label: 'Open', description: 'Newly opened and not yet triaged.' },
  TODO: { label: 'To do', description: 'In the backlog; work has not started.' },
  IN_PROGRESS: { label: 'In progress', description: 'Someone is actively working on it.' },
  IN_REVIEW: { label: 'In review', description: 'Under review or waiting for approval.' },
  BLOCKED: { label: 'Blocked', description: 'Blocked or on hold, waiting on someone else.' },
  PENDING: { label: 'Pending', description: 'Pending validation or testing.' },
  RESOLVED: { label: 'Resolved', description: 'Resolved and awaiting closure.' },
  CLOSED: { label: 'Closed', description: 'Finished and closed.' },
  CANCELLED: { label: 'Cancelled', description: 'Cancelled or rejected; no further work will be done.' },
  UNKNOWN: { label: 'Unknown', description: 'Not mapped to a standard status yet.' },
};

export const STANDARD_PRIORITY_INFO: Record<StandardPriority, Described> = {
  CRITICAL: { label: 'Critical', description: 'Needs immediate attention; work stops until it is handled.' },
  HIGH: { label: 'High', description: 'Important; handle before normal work.' },
  MEDIUM: { label: 'Medium', description: 'Normal priority.' },
  LOW: { label: 'Low', description: 'Can wait behind normal work.' },
  INFORMATIONAL: { label: 'Informational', description: 'Trivial or cosmetic; no action expected.' },
  UNKNOWN: { label: 'Unknown', description: 'Not mapped to a standard priority yet.' },
};

/* UNKNOWN is in neither group on purpose: an unmapped status must not be counted as open or as finished. */
export const OPEN_WORK_STATUSES = ['OPEN', 'TODO', 'IN_PROGRESS', 'IN_REVIEW', 'BLOCKED', 'PENDING'] as const;
export const FINISHED_STATUSES = ['RESOLVED', 'CLOSED', 'CANCELLED'] as const;

export type OpenWorkStatus = (typeof OPEN_WORK_STATUSES)[number];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

export function isOpenWorkStatus(status: StandardStatus): status is OpenWorkStatus {
  return (OPEN_WORK_STATUSES as readonly StandardStatus[]).includes(status);
}

export function isFinishedStatus(status: StandardStatus): status is FinishedStatus {
  return (FINISHED_STATUSES as readonly StandardStatus[]).includes(status);
}
