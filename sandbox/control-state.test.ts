import { describe, expect, it } from 'vitest';
import { Counters } from './control-state';

describe('sequential Jira request chain', () => {
  it('counts requests sent together once, and each request sent after an answer as one more round trip', () => {
    const counters = new Counters();
    const first = [counters.startJiraRequest(), counters.startJiraRequest()];
    first.forEach((place) => counters.endJiraRequest(place));
    const second = counters.startJiraRequest();
    counters.endJiraRequest(second);
    expect(counters.sequentialJiraRequests).toBe(2);
    expect(counters.maxConcurrentJiraRequests).toBe(2);
  });

  it('does not let a request answered after a reset extend the new chain', () => {
    const counters = new Counters();
    for (let i = 0; i < 5; i += 1) counters.endJiraRequest(counters.startJiraRequest());
    const inFlight = counters.startJiraRequest();
    counters.reset();
    counters.endJiraRequest(inFlight);
    counters.endJiraRequest(counters.startJiraRequest());
    expect(counters.sequentialJiraRequests).toBe(1);
    expect(counters.maxConcurrentJiraRequests).toBe(1);
  });
});
