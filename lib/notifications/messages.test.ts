import { describe, expect, it } from 'vitest';
import { timeToken } from '@/lib/format/time-token';
import { composeMessage, emailText } from './messages';

describe('composeMessage: connection.health_changed', () => {
  it('keeps the finding’s times as tokens for the pages, and the email writes them as UTC labels (its reader’s zone is unknown)', () => {
    const at = new Date('2026-11-23T17:30:00Z');
    const message = composeMessage(
      'connection.health_changed',
      { outcome: 'warning' },
      {
        connectionId: 'c1',
        siteName: 'Acme',
        failingChecks: [
          {
            id: 'grant',
            outcome: 'warning',
            summary: `It would have expired ${timeToken(at, 'on')}.`,
            remedy: `Check the jobs that ran ${timeToken(at)}.`,
          },
        ],
      },
    );
    expect(message.diagnosis).toBe(`Authorization (grant): It would have expired ${timeToken(at, 'on')}.`);
    const email = emailText(message, 'https://portico.test');
    expect(email).toContain('Authorization (grant): It would have expired on Nov 23, 2026, 5:30 PM UTC.');
    expect(email).toContain('What to do: Check the jobs that ran Nov 23, 2026, 5:30 PM UTC.');
    expect(email).not.toContain('{{time');
  });
});
