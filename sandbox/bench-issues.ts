// Benchmark: big-site issues (106,050, 100,697 browsable) — sandbox RSS and search/jql paging speed.
// Run: npx tsx sandbox/bench-issues.ts [--pages 200]
// Walks search/jql with nextPageToken (100 issues per page, the 13 fields Portico's sync asks for) in the two
// orders a sync uses, measures a changed-issues poll after 1,000 edits, and reads the child's RSS from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connect } from './test-support';

const { values } = parseArgs({ options: { pages: { type: 'string' } } });
const PAGES = Number(values.pages ?? 200);
const FIELDS = ['summary', 'status', 'priority', 'issuetype', 'project', 'assignee', 'reporter', 'created', 'updated', 'duedate', 'labels', 'resolution', 'parent'];

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
function spawnSandbox(scenario: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--scenario', scenario], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise<string>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      const m = /listening on (\S+)/.exec(c.toString());
      if (m?.[1]) resolve(m[1]);
    }),
  );
  return { child, url };
}

const baseline = spawnSandbox('default');
await baseline.url;
const baselineRss = rssMb(baseline.child.pid ?? 0);
baseline.child.kill('SIGTERM');
const { child, url: ready } = spawnSandbox('big-site');
const url = await ready;
try {
  const pid = child.pid ?? 0;
  console.log(`sandbox RSS after start: default scenario (440 issues) ${baselineRss.toFixed(0)} MB, big-site (106,050 issues) ${rssMb(pid).toFixed(0)} MB`);
  const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as { sites: Array<{ cloudId: string; issues: number }> };
  const site = state.sites[0]!;
  const t = await connect(url, { cloudId: site.cloudId });
  const search = async (body: unknown) => {
    const res = await fetch(`${url}/ex/jira/${site.cloudId}/rest/api/3/search/jql`, { method: 'POST', headers: { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { issues: unknown[]; nextPageToken?: string };
  };
  const count = async (jql: string) => {
    const res = await fetch(`${url}/ex/jira/${site.cloudId}/rest/api/3/search/approximate-count`, { method: 'POST', headers: { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify({ jql }) });
    return ((await res.json()) as { count: number }).count;
  };
  const all = 'updated >= "1970/01/01 00:00"';
  let t0 = performance.now();
  const total = await count(all);
  console.log(`issues on the site: ${site.issues}, browsable (approximate-count): ${total}, count took ${(performance.now() - t0).toFixed(0)} ms`);
  for (const order of ['ORDER BY id ASC', 'ORDER BY updated ASC']) {
    let token: string | undefined;
    let n = 0;
    t0 = performance.now();
    for (let p = 0; p < PAGES; p++) {
      const page = await search({ jql: `${all} ${order}`, fields: FIELDS, maxResults: 100, ...(token ? { nextPageToken: token } : {}) });
      n += page.issues.length;
      token = page.nextPageToken;
      if (!token) break;
    }
    const s = (performance.now() - t0) / 1000;
    console.log(`${order.padEnd(22)} ${PAGES} pages x 100: ${(n / s).toFixed(0)} issues/s, ${((s * 1000) / PAGES).toFixed(1)} ms/page (sequential, one client)`);
  }
  // Project i has key P + base-36 i; every 20th is hidden from the user, so take i = 1, 101, …, 901.
  const projects = Array.from({ length: 10 }, (_, n) => `P${(1 + n * 100).toString(36).toUpperCase().padStart(3, '0')}`);
  t0 = performance.now();
  let perProject = 0;
  for (const key of projects) perProject += (await search({ jql: `project = ${key} ORDER BY id ASC`, fields: FIELDS, maxResults: 100 })).issues.length;
  console.log(`project = X ORDER BY id ASC, first page of 10 projects: ${((performance.now() - t0) / projects.length).toFixed(1)} ms/page (${perProject} issues)`);
  console.log(`sandbox RSS after the walks: ${rssMb(pid).toFixed(0)} MB`);
  t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    await fetch(`${url}/__sandbox/issues/${10000 + i * 97}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ summary: `Edited ${i}` }) });
  }
  console.log(`1,000 issue edits through the control API: ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  const changed = await count('updated >= -10m');
  console.log(`approximate-count of changed issues (updated >= -10m): ${changed} in ${(performance.now() - t0).toFixed(0)} ms`);
  console.log(`sandbox RSS after 1,000 edits: ${rssMb(pid).toFixed(0)} MB`);
} finally {
  child.kill('SIGTERM');
}
