/**
 * Benchmark: Jira calls one mapping preview sends on the sandbox's big-site (1,050 projects, 300
 * statuses) with a 3-project filter, as the editor opens it: a metadata refresh first (as the page
 * load does), then Preview, then Preview again within the count cache's lifetime, then, after issue
 * sync has backfilled the 3 projects, Preview once more (answered from the synced tickets: goal 0 Jira
 * calls). Prints the sandbox's request counters per route (OAuth routes included in the last line) and
 * the number of statuses the 3 projects use (the goal). Counts are deterministic; the durations
 * printed beside them are for information only.
 *
 *   npx vitest run --config scripts/bench/vitest.preview.config.ts
 */
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { it, vi } from 'vitest';
import { jiraConnections } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { refreshMetadata } from '@/lib/integrations/jira/metadata/metadata-cache';
import type { PreviewResult } from '@/lib/integrations/jira/preview/preview-schema';
import { backfillToEnd } from '@/lib/integrations/jira/sync/sync-engine.testing';
import { BIG_CLOUD_ID } from '@/sandbox/world/big-site';
import { connectNewSite, PORTICO_BASE_URL, setupJiraHarness } from '@/tests/jira-harness';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));

const FILTER = ['P001', 'P002', 'P003'];
const harness = setupJiraHarness({ scenario: 'big-site' });
const previewRoute = await import('@/app/api/integrations/jira/connections/[connectionId]/preview/route');

const jiraOnly = (requests: Record<string, number>) =>
  Object.fromEntries(Object.entries(requests).filter(([route]) => !['token', 'authorize', 'accessible-resources', 'me'].includes(route)));

it('prints the Jira calls of a preview on big-site with a 3-project filter', { timeout: 300_000 }, async () => {
  const { admin, orgId, connectionId } = await connectNewSite(harness, 'BenchPreview', BIG_CLOUD_ID);
  session.member = admin;
  await harness.db().update(jiraConnections).set({ projectFilter: FILTER }).where(eq(jiraConnections.id, connectionId));
  const metadata = (await refreshMetadata(orgId, connectionId, { force: true }))!;
  const used = new Set(metadata.statuses.filter((s) => s.usages.some((u) => FILTER.includes(u.projectKey))).map((s) => s.id));

  const lines = [`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`];
  lines.push(`editor shows ${metadata.statuses.length} statuses; the 3 filtered projects use ${used.size} (goal: at most ${used.size} counts)`);
  for (const label of ['first preview', 'preview again (cached counts)', 'preview with synced tickets']) {
    if (label === 'preview with synced tickets') {
      const backfill = await backfillToEnd(orgId, connectionId);
      lines.push(`issue sync backfilled the 3 projects: ${JSON.stringify(backfill.kind === 'page' ? { backfillDone: backfill.backfillDone } : backfill)}`);
    }
    await harness.resetCounters();
    const started = performance.now();
    const response = await previewRoute.POST(
      new Request(`${PORTICO_BASE_URL}/api/integrations/jira/connections/${connectionId}/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: PORTICO_BASE_URL },
        // What the editor sends: the filter and every status id it shows.
        body: JSON.stringify({ projectFilter: FILTER, statusIds: metadata.statuses.map((s) => s.id) }),
      }),
      { params: Promise.resolve({ connectionId }) },
    );
    const ms = performance.now() - started;
    const body = (await response.json()) as PreviewResult;
    const all = (await harness.counters()).requests;
    const requests = jiraOnly(all);
    const total = Object.values(requests).reduce((sum, n) => sum + n, 0);
    const issues = Object.values(body.counts).reduce((sum, n) => sum + n, 0);
    lines.push(
      `${label}: HTTP ${response.status}, source ${body.source} (${issues} issues), ${requests['search/approximate-count'] ?? 0} approximate-count + ${total - (requests['search/approximate-count'] ?? 0)} other = ${total} Jira calls ${JSON.stringify(requests)}, ${Object.values(all).reduce((sum, n) => sum + n, 0)} sandbox requests in all, in ${ms.toFixed(0)} ms`,
    );
  }
  console.log(lines.join('\n'));
});
