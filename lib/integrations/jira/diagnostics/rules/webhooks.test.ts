import { describe, expect, it } from 'vitest';
import { daysAgo, healthyFacts, NOW, pending } from './facts.testing';
import { checkWebhooks } from './webhooks';

const webhooks = (overrides: Partial<ReturnType<typeof healthyFacts>['webhooks']>) => healthyFacts({ webhooks: overrides });

describe('checkWebhooks', () => {
  it.each([
    ['registered and delivering', healthyFacts(), 'pass', null, /within seconds/],
    ['registered, nothing delivered yet', webhooks({ lastDeliveryAt: null, deliveriesLast24h: 0 }), 'pass', null, /no change has been delivered yet/],
    ['base URL unreachable', webhooks({ status: 'unreachable_base_url', unreachable: 'PORTICO_BASE_URL (localhost:3000) is this machine’s own address.' }), 'warning', null, /cannot deliver/],
    ['missing scope', webhooks({ status: 'missing_scope', expiresAt: null }), 'warning', 'reconnect', /manage:jira-webhook/],
    ['registration failed', webhooks({ status: 'failed', reason: 'Registering webhooks with Jira failed.', expiresAt: null }), 'warning', null, /No webhooks are registered/],
    ['expired', webhooks({ expiresAt: daysAgo(1) }), 'warning', null, /expired/],
    ['about to expire', webhooks({ expiresAt: new Date(NOW.getTime() + 86_400_000) }), 'warning', null, /under three days/],
    ['pending connection', pending(), 'skipped', null, /not authorized yet/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkWebhooks(facts);
    expect(result).toMatchObject({ id: 'webhooks', outcome, action });
    expect(result.summary).toMatch(summary);
  });
});
