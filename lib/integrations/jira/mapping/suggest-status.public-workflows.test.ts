import { describe, expect, it } from 'vitest';
import type { StandardStatus } from './standard-model';
import type { StatusCategory } from './status-category';
import { suggestStatus } from './suggest-status';
import type { SuggestionConfidence } from './suggestion';

type Row = [name: string, category: StatusCategory, expected: StandardStatus, confidence: SuggestionConfidence];

/*
 * Status names as they appear in public Jira workflows, with the category they have there. Sources:
 *  - JSM: Atlassian's "Manage how work flows in your team-managed service project" (default statuses) and the
 *    ITSM change workflow as listed in SailPoint's Jira Service Management integration docs.
 *  - Service desks documented publicly: support.yamnet.com (Jira training pages), kongsberg.com (KSGS service
 *    desk workflow), help.crassula.io (workflow status).
 *  - Public trackers: jira.atlassian.com (suggestion and bug workflows), issues.apache.org/jira (default
 *    workflow, resolutions, the Cassandra review workflow), jira.mongodb.org, issues.redhat.com,
 *    bugs.openjdk.org.
 *  - Business: Atlassian's "Build the workflow you need" (scope request, draft, review, published) and the
 *    work-management templates (document approval, procurement, recruitment).
 */
const rows: Row[] = [
  // The cases of issue 12, item 7: the category decides the family, the keyword picks within it.
  ['Awaiting Vendor Triage', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Awaiting Triage', 'IN_PROGRESS', 'BLOCKED', 'medium'],
  ["Won't Have", 'DONE', 'CANCELLED', 'high'],
  ["Won't Support", 'DONE', 'CANCELLED', 'high'],
  ['Wont Be Fixed', 'DONE', 'CANCELLED', 'high'],
  ['Waiting for customer', 'TODO', 'TODO', 'low'],
  ['Waiting for information', 'TODO', 'TODO', 'low'],
  ['Waiting for approval', 'TODO', 'TODO', 'low'],
  ['On Hold', 'TODO', 'TODO', 'low'],
  ['Ready for Release', 'IN_PROGRESS', 'PENDING', 'low'],
  ['Waiting for Release', 'IN_PROGRESS', 'PENDING', 'low'],
  // Jira Service Management defaults and the ITSM change workflow.
  ['Open', 'TODO', 'OPEN', 'high'],
  ['Reopened', 'TODO', 'OPEN', 'high'],
  ['Pending', 'IN_PROGRESS', 'PENDING', 'medium'],
  ['Work in progress', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Waiting for customer', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Waiting for support', 'TODO', 'OPEN', 'high'],
  ['Escalated', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Canceled', 'DONE', 'CANCELLED', 'high'],
  ['Planning', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Awaiting CAB approval', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Awaiting implementation', 'TODO', 'TODO', 'high'],
  ['Declined', 'DONE', 'CANCELLED', 'high'],
  ['Failed', 'DONE', 'CLOSED', 'low'],
  // Service desks that publish their workflow.
  ['Awaiting assignment', 'TODO', 'OPEN', 'high'],
  ['Waiting for Supplier', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Waiting for Approval', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Validation', 'IN_PROGRESS', 'PENDING', 'high'],
  ['Monitoring', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Rejected', 'DONE', 'CANCELLED', 'high'],
  ['Under estimation', 'TODO', 'TODO', 'low'],
  ['Action required', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['On hold', 'IN_PROGRESS', 'BLOCKED', 'high'],
  // jira.atlassian.com
  ['Gathering Interest', 'TODO', 'TODO', 'low'],
  ['Gathering Impact', 'TODO', 'TODO', 'low'],
  ['Under Consideration', 'TODO', 'TODO', 'low'],
  ['Future Consideration', 'TODO', 'TODO', 'low'],
  ['Not Being Considered', 'DONE', 'CANCELLED', 'high'],
  ['Reviewing', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Short Term Backlog', 'TODO', 'TODO', 'high'],
  ['Long Term Backlog', 'TODO', 'TODO', 'high'],
  ['Needs Triage', 'TODO', 'OPEN', 'high'],
  // issues.apache.org (default workflow, resolutions used as statuses, Cassandra's review workflow)
  ['Triage Needed', 'TODO', 'OPEN', 'high'],
  ['Awaiting Feedback', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Patch Available', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Review In Progress', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Changes Suggested', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Ready to Commit', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Needs Committer', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Resolved', 'DONE', 'RESOLVED', 'high'],
  ['Closed', 'DONE', 'CLOSED', 'high'],
  ['Not A Problem', 'DONE', 'CANCELLED', 'high'],
  ['Works for Me', 'DONE', 'CANCELLED', 'high'],
  ['Incomplete', 'DONE', 'CANCELLED', 'high'],
  ['Auto Closed', 'DONE', 'CLOSED', 'high'],
  // jira.mongodb.org
  ['Waiting For User Input', 'IN_PROGRESS', 'BLOCKED', 'high'],
  ['Needs Scheduling', 'TODO', 'TODO', 'high'],
  ['Waiting for bug fix', 'IN_PROGRESS', 'BLOCKED', 'medium'],
  ['Investigating', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Backlog', 'TODO', 'TODO', 'high'],
  // issues.redhat.com
  ['Coding In Progress', 'IN_PROGRESS', 'IN_PROGRESS', 'high'],
  ['Pull Request Sent', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Release Pending', 'IN_PROGRESS', 'PENDING', 'medium'],
  ['ON_QA', 'IN_PROGRESS', 'PENDING', 'high'],
  ['Verified', 'DONE', 'RESOLVED', 'high'],
  ['Refinement', 'TODO', 'TODO', 'low'],
  ['New', 'TODO', 'OPEN', 'high'],
  // bugs.openjdk.org
  ['Not an Issue', 'DONE', 'CANCELLED', 'high'],
  ['Withdrawn', 'DONE', 'CANCELLED', 'high'],
  ['Delivered', 'DONE', 'CLOSED', 'high'],
  // Business workflows (Jira Work Management)
  ['Scope request', 'TODO', 'TODO', 'low'],
  ['Draft', 'TODO', 'TODO', 'low'],
  ['Review', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Published', 'DONE', 'CLOSED', 'high'],
  ['Pending approval', 'IN_PROGRESS', 'IN_REVIEW', 'high'],
  ['Approved', 'DONE', 'CLOSED', 'high'],
  ['Approved', 'IN_PROGRESS', 'PENDING', 'low'],
  ['Ordered', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Interview', 'IN_PROGRESS', 'IN_PROGRESS', 'low'],
  ['Hired', 'DONE', 'CLOSED', 'high'],
];

describe('suggestStatus on public Jira workflows', () => {
  it.each(rows)('%s (category %s) -> %s, %s confidence', (name, category, expected, confidence) => {
    const suggestion = suggestStatus({ name, category });
    expect({ value: suggestion.value, confidence: suggestion.confidence }).toEqual({ value: expected, confidence });
    expect(suggestion.reason.text).not.toBe('');
  });

  it('has at least 50 real-world names besides the issue 12 cases', () => {
    expect(new Set(rows.slice(11).map(([name, category]) => `${name}|${category}`)).size).toBeGreaterThanOrEqual(50);
  });
});

describe('the category decides the family, the keyword picks within it', () => {
  it.each([
    ['Awaiting Triage', 'IN_PROGRESS', "keyword 'awaiting'; category In Progress rules out keyword 'triage'"],
    ['Waiting for customer', 'TODO', "category To Do overrides keyword 'waiting for customer'"],
    ['Ready for Release', 'IN_PROGRESS', "category In Progress overrides keyword 'ready for release'"],
  ] as const)('explains %s in %s', (name, category, text) => {
    expect(suggestStatus({ name, category }).reason.text).toBe(text);
  });
});
