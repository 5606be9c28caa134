import { describe, expect, it } from 'vitest';
import { describeProjectSelection } from './project-selection';

describe('describeProjectSelection', () => {
  it('counts only selected projects Jira shows, and names the others apart (never "5 of 3 projects")', () => {
    const result = describeProjectSelection(['A', 'B', 'GONE', 'HIDDEN', 'OLD'], ['A', 'B', 'C']);
    expect(result.summary).toBe('2 of 3 projects selected');
    expect(result.missing).toEqual(['GONE', 'HIDDEN', 'OLD']);
    expect(result.missingSummary).toBe('3 selected projects are not visible in Jira');
  });

  it('agrees in number with one project', () => {
    expect(describeProjectSelection(['A', 'X'], ['A'])).toMatchObject({ summary: '1 of 1 project selected', missingSummary: '1 selected project is not visible in Jira' });
    expect(describeProjectSelection(['A'], ['A', 'B']).missingSummary).toBeUndefined();
  });
});
