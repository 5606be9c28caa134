import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueue } from '@/lib/jobs/enqueue';
import { createJiraClient } from '@/lib/integrations/jira/client';
import { setupTestDatabase } from '@/tests/database';

const TOKEN = randomBytes(24).toString('hex');
Object.assign(process.env, {
  PORTICO_BASE_URL: 'http://portico.test',
  AUTH_SECRET: randomBytes(33).toString('base64'),
  PORTICO_ENCRYPTION_KEY: `kid1:${randomBytes(32).toString('base64')}`,
  PORTICO_METRICS_TOKEN: TOKEN,
});
setupTestDatabase();
const { GET } = await import('./route');
const scrape = (authorization?: string) =>
  GET(new Request('http://portico.test/api/metrics', { headers: authorization ? { authorization } : {} }), undefined);

describe('GET /api/metrics', () => {
  it('requires the bearer token', async () => {
    for (const header of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`]) {
      const answer = await scrape(header);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(await answer.json()).toMatchObject({ error: 'unauthenticated' });
    }
  });

  it('exposes Jira calls by outcome, token refreshes and failures, job queue depth from the job engine and HTTP latency', async () => {
    // One Jira call that Atlassian refuses, so the counter has a sample with its outcome.
    const client = createJiraClient({
      apiBaseUrl: 'https://api.atlassian.test',
      cloudId: 'cloud',
      getAccessToken: () => Promise.resolve('token'),
      fetch: () => Promise.resolve(new Response('{}', { status: 403, headers: { 'x-arequestid': 'a1b2c3' } })),
    });
    await client.getMyself().catch(() => undefined);
    // Three jobs waiting in a queue no worker works.
    const waiting = defineJob({ name: 'metrics-waiting', schema: z.object({}), handler: () => Promise.resolve() });
    for (let index = 0; index < 3; index += 1) await enqueue(waiting, {});
    await scrape(`Bearer ${TOKEN}`);

    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await answer.text();
    expect(text).toContain('portico_jira_calls_total{operation="getMyself",outcome="forbidden"} 1');
    expect(text).toContain('# TYPE portico_token_refreshes_total counter');
    expect(text).toContain('# TYPE portico_token_failures_total counter');
    expect(text).toContain('portico_job_queue_depth{queue="metrics-waiting",state="created"} 3');
    expect(text).toMatch(
      /portico_http_request_duration_seconds_count\{route="\/api\/metrics",method="GET",status="401"\} 3/,
    );
    expect(text).not.toContain(TOKEN);
  });
});
